import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentError } from '../core/errors.js';

/**
 * The engine address the docker CLI would use, so the Engine API and the CLI's builds talk to the same
 * engine: DOCKER_HOST; else the docker context (DOCKER_CONTEXT, else the config file's `currentContext`),
 * whose endpoint is in `<config dir>/contexts/meta/<sha256 of its name>/meta.json`; else the default socket.
 */
export function engineHost(
  env: NodeJS.ProcessEnv,
  read: (path: string) => string | null = readOrNull,
): { host: string; from: string } {
  if (env.DOCKER_HOST) return { host: env.DOCKER_HOST, from: 'DOCKER_HOST' };
  const dir = env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
  let name = env.DOCKER_CONTEXT ?? null;
  let from = 'DOCKER_CONTEXT';
  if (!name) {
    const config = read(join(dir, 'config.json'));
    try {
      name = config ? ((JSON.parse(config) as { currentContext?: string }).currentContext ?? null) : null;
    } catch {
      name = null; // the CLI refuses a broken config file itself; the default engine here
    }
    from = `the docker context in ${join(dir, 'config.json')}`;
  }
  if (!name || name === 'default') return { host: 'unix:///var/run/docker.sock', from: 'the default socket' };
  const meta = read(
    join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json'),
  );
  const host = meta
    ? (JSON.parse(meta) as { Endpoints?: { docker?: { Host?: string } } }).Endpoints?.docker?.Host
    : null;
  if (!host)
    throw new EnvironmentError(
      `docker context '${name}' (${from}) is not known or has no docker endpoint`,
      'docker context ls shows the contexts; docker context use default, or set DOCKER_HOST',
    );
  return { host, from: `docker context '${name}'` };
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** dockerode's connection options for an address (unix://, tcp://, ssh://). */
export function connectionOptions(host: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const u = new URL(host);
  if (u.protocol === 'unix:') return { socketPath: u.pathname };
  if (u.protocol === 'npipe:') return { socketPath: host.slice('npipe://'.length) };
  if (u.protocol === 'ssh:')
    return {
      protocol: 'ssh',
      host: u.hostname,
      port: u.port || 22,
      ...(u.username ? { username: u.username } : {}),
    };
  const tls = Boolean(env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0');
  return { protocol: tls ? 'https' : 'http', host: u.hostname, port: u.port || (tls ? 2376 : 2375) };
}
