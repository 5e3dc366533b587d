import type Docker from 'dockerode';
import type { BuildEvent } from '../build/run.js';
import { formatDiagnostic } from '../core/diagnostics.js';
import { type BuildClient, discoverBuildClient } from '../engine/client.js';
import { connectEngine } from '../engine/connect.js';
import { newSessionId, sweep } from '../engine/session.js';
import type { Io } from './io.js';

export interface EngineContext {
  docker: Docker;
  client: BuildClient;
  session: string;
}

/** The engine and this run's session; the BuildKit client is found only when something must be built. */
export interface EngineSession {
  docker: Docker;
  session: string;
  buildClient: () => Promise<BuildClient>;
}

/** Connects to the engine and sweeps the session's resources on SIGINT/SIGTERM. */
export async function engineSession(io: Io): Promise<EngineSession> {
  const docker = await connectEngine();
  const session = newSessionId();
  const onSignal = (sig: NodeJS.Signals) => {
    io.err(`\n${sig}: removing this run's containers and volumes`);
    void sweep(docker, session).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let client: Promise<BuildClient> | null = null;
  return { docker, session, buildClient: () => (client ??= discoverBuildClient()) };
}

/** An engine session with its BuildKit client found up front (commands that build). */
export async function engineContext(io: Io): Promise<EngineContext> {
  const s = await engineSession(io);
  return { docker: s.docker, session: s.session, client: await s.buildClient() };
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
