import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { EnvironmentError } from '../core/errors.js';
import { type Runner, run } from '../core/process.js';

/** A docker CLI that can build with BuildKit, and how. */
export interface BuildClient {
  bin: string;
  /** `buildx`: `docker buildx build --load`; `builtin`: `DOCKER_BUILDKIT=1 docker build` (clients 18.09–22.x). */
  mode: 'buildx' | 'builtin';
  version: string;
  /** Environment to run it with. */
  env: NodeJS.ProcessEnv;
}

export interface DiscoveryEnv {
  env: NodeJS.ProcessEnv;
  run: Runner;
  exists: (path: string) => boolean;
}

/** A strategy either returns a client, or says why the candidate is not usable ("not mine"). */
type Verdict = { client: BuildClient } | { reason: string };

const defaultEnv = (): DiscoveryEnv => ({ env: process.env, run, exists: existsSync });

/**
 * Finds a BuildKit-capable docker client, in order: `SLIPWAY_DOCKER`; every `docker` on PATH, then
 * /usr/bin/docker and /usr/local/bin/docker — each accepted if it has the buildx plugin, or if its version
 * still has BuildKit built in. Never falls back to the legacy builder: no candidate is an error.
 */
export async function discoverBuildClient(de: DiscoveryEnv = defaultEnv()): Promise<BuildClient> {
  const override = de.env.SLIPWAY_DOCKER;
  if (override) {
    const v = await probe(override, de);
    if ('client' in v) return v.client;
    throw new EnvironmentError(
      `SLIPWAY_DOCKER=${override} cannot build with BuildKit: ${v.reason}`,
      'point SLIPWAY_DOCKER at a docker client with the buildx plugin, or one with BuildKit built in (Debian docker.io 20.10)',
    );
  }
  const tried: string[] = [];
  for (const bin of candidates(de)) {
    const v = await probe(bin, de);
    if ('client' in v) return v.client;
    tried.push(`${bin}: ${v.reason}`);
  }
  throw new EnvironmentError(
    `no BuildKit-capable docker client found${tried.length ? `:\n  ${tried.join('\n  ')}` : ' (no docker client on PATH)'}`,
    "install the buildx plugin (docker-buildx-plugin), or Debian's docker.io (BuildKit built in), or set SLIPWAY_DOCKER to such a client",
  );
}

function candidates(de: DiscoveryEnv): string[] {
  const out: string[] = [];
  for (const dir of (de.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const p = join(dir, 'docker');
    if (de.exists(p) && !out.includes(p)) out.push(p);
  }
  for (const p of ['/usr/bin/docker', '/usr/local/bin/docker'])
    if (de.exists(p) && !out.includes(p)) out.push(p);
  return out;
}

async function probe(bin: string, de: DiscoveryEnv): Promise<Verdict> {
  const v = await de.run(bin, ['--version'], { env: de.env });
  if (v.code !== 0)
    return { reason: `does not run (${(v.stderr || v.stdout).trim().split('\n')[0] || `exit ${v.code}`})` };
  const version = /version\s+v?([0-9][^\s,]*)/i.exec(v.stdout)?.[1] ?? 'unknown';
  const bx = await de.run(bin, ['buildx', 'version'], { env: de.env });
  if (bx.code === 0) return { client: { bin, mode: 'buildx', version, env: { ...de.env } } };
  const major = Number.parseInt(version, 10);
  const minor = Number.parseInt(version.split('.')[1] ?? '0', 10);
  if (Number.isFinite(major) && (major > 18 || (major === 18 && minor >= 9)) && major < 23) {
    return { client: { bin, mode: 'builtin', version, env: { ...de.env, DOCKER_BUILDKIT: '1' } } };
  }
  return {
    reason: `version ${version} has no buildx plugin${major >= 23 ? ' and no built-in BuildKit (removed in 23.0)' : ''}`,
  };
}
