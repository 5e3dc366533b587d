import type Docker from 'dockerode';
import type { BuildEvent } from '../build/run.js';
import { type HelperProvider, provisionHelper } from '../check/helper-image.js';
import { formatDiagnostic } from '../core/diagnostics.js';
import { killChildren } from '../core/process.js';
import { type BuildClient, discoverBuildClient } from '../engine/client.js';
import { ClosableSession } from '../engine/closing.js';
import { connectEngine } from '../engine/connect.js';
import { newSessionId, sweepStale } from '../engine/session.js';
import { interruption } from './interrupt.js';
import type { Io } from './io.js';

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

/** Progress of builds on stderr: stage headers, and BuildKit's step lines unless quiet. */
export function progressPrinter(io: Io, quiet: boolean): (e: BuildEvent) => void {
  return (e) => {
    if (e.type === 'note') io.err(`slipway: ${e.message}`);
    else if (e.type === 'diagnostic') io.err(formatDiagnostic(e.diagnostic));
    else if (e.type === 'stage-start') io.err(`slipway: building stage ${e.stage} → ${e.tag}`);
    else if (e.type === 'log' && !quiet && !/^#\d+ sha256:/.test(e.line) && e.line.trim())
      io.err(`  ${e.stage} │ ${e.line}`);
    else if (e.type === 'stage-end')
      io.err(
        `slipway: stage ${e.result.stage} ${e.result.status} in ${(e.result.durationMs / 1000).toFixed(1)}s (${e.result.executed.length} steps run, ${e.result.cached.length} cached)`,
      );
  };
}
