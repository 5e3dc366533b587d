import type Docker from 'dockerode';
import { type HelperProvider, provisionHelper } from '../check/helper-image.js';
import { formatDiagnostic } from '../core/diagnostics.js';
import { killChildren } from '../core/process.js';
import { type BuildClient, discoverBuildClient } from '../engine/client.js';
import { ClosableSession } from '../engine/closing.js';
import { connectEngine } from '../engine/connect.js';
import { newSessionId, sweepStale } from '../engine/session.js';
import { type ProgressEvent, stageEndLine, testEndLine } from '../report/progress.js';
import { interruption } from './interrupt.js';
import type { Io } from './io.js';
import { liveProgress, wantsLive } from './progress.js';

export interface EngineContext extends EngineSession {
  client: BuildClient;
}

/**
 * The engine and this run's session. The BuildKit client is found only when something must be built; the
 * namespace helper image is provisioned only when a check needs it (both once per run).
 */
export interface EngineSession {
  docker: Docker;
  session: string;
  buildClient: () => Promise<BuildClient>;
  helper: HelperProvider;
}

/** How long the work may take to unwind (its `finally` blocks) after SIGINT/SIGTERM before the process ends. */
const GRACE_MS = 10_000;

/**
 * Connects to the engine, removes the leftovers of slipway processes that are gone, and on SIGINT/SIGTERM
 * closes the session: everything it made is removed (also what is being created at that moment), child
 * processes are stopped, and the work unwinds through its `finally` blocks; the CLI then exits 130.
 */
export async function engineSession(io: Io): Promise<EngineSession> {
  const docker = await connectEngine();
  const session = new ClosableSession(docker, newSessionId());
  const onSignal = (sig: NodeJS.Signals) => {
    if (interruption.signal) return;
    interruption.signal = sig;
    io.err(`\n${sig}: removing this run's containers and volumes`);
    killChildren('SIGTERM');
    interruption.cleanup = session
      .close()
      .catch(() => 0)
      .then(() => {
        // The work normally ends on its own once its containers are gone; if it hangs, do not wait forever.
        setTimeout(() => process.exit(130), GRACE_MS).unref();
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const removed = await sweepStale(docker).catch(() => 0);
  if (removed)
    io.err(`slipway: removed ${removed} leftover(s) of slipway runs that ended without cleaning up`);
  let client: Promise<BuildClient> | null = null;
  const buildClient = () => (client ??= discoverBuildClient());
  return {
    docker,
    session: session.id,
    buildClient,
    helper: async () =>
      (
        await provisionHelper({
          docker,
          buildClient,
          session: session.id,
          onProgress: (line) => io.err(`slipway: ${line}`),
        })
      ).tag,
  };
}

/** An engine session with its BuildKit client found up front (commands that build). */
export async function engineContext(io: Io): Promise<EngineContext> {
  const s = await engineSession(io);
  return { ...s, client: await s.buildClient() };
}

/**
 * Progress of builds on stderr. On a terminal (and not under CI): one live line per running stage (step n/m,
 * test count) that collapses to the stage's summary line. Otherwise plain lines: stage headers, and BuildKit's
 * step lines unless quiet.
 */
export function progressPrinter(
  io: Io,
  quiet: boolean,
  env: NodeJS.ProcessEnv = process.env,
): (e: ProgressEvent) => void {
  if (!quiet && io.errStream && wantsLive(io, env)) return liveProgress(io.errStream).onEvent;
  return (e) => {
    if (e.type === 'note') io.err(`slipway: ${e.message}`);
    else if (e.type === 'diagnostic') io.err(formatDiagnostic(e.diagnostic));
    else if (e.type === 'stage-start') io.err(`slipway: building stage ${e.stage} → ${e.tag}`);
    else if (e.type === 'log' && !quiet && !/^#\d+ sha256:/.test(e.line) && e.line.trim())
      io.err(`  ${e.stage} │ ${e.line}`);
    else if (e.type === 'stage-end') io.err(stageEndLine(e.result));
    else if (e.type === 'test-start') io.err(`slipway: testing stage ${e.stage} (${e.total} assertions)`);
    else if (e.type === 'test-end') io.err(testEndLine(e));
  };
}
