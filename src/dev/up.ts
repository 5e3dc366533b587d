import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import type Docker from 'dockerode';
import { EnvironmentError, errorMessage } from '../core/errors.js';
import type { Project } from '../project/project.js';
import type { BuildDeps, BuildOptions, StageResult } from '../stages/build-stages.js';
import { FINGERPRINT_LABEL } from '../stages/build-stages.js';
import { devCreateOptions } from './container.js';
import { ownContainer } from './find.js';
import type { DevFingerprinter } from './fingerprint.js';
import { currentFingerprint, devImage, imageDefaults } from './image.js';
import { containerLogs } from './logs.js';
import { checkPorts, isPortConflict, portTaken } from './ports.js';
import { type DevSettings, resolveDev } from './settings.js';
import { checkVolumes, ensureVolumes, removeVolumes, seedVolumes } from './volumes.js';

export const SETTINGS_LABEL = 'dev.slipway.settings';

export interface UpDeps extends BuildDeps {
  session: string;
  fingerprint: DevFingerprinter;
}

export interface UpOptions extends BuildOptions {
  rebuild?: boolean;
  /** The environment of the container (env file and config), already read. */
  env: Record<string, string>;
}

/** Why the running container is not what `up` would make now. */
export type Staleness = { image: boolean | null; settings: boolean };

export type UpResult =
  | {
      ok: true;
      action: 'created' | 'recreated' | 'started' | 'already-up';
      name: string;
      image: string;
      built: StageResult | null;
      /** Volumes filled from the image now. */
      seeded: string[];
      /** Volumes made again because their lockfile changed. */
      replaced: string[];
      stale: Staleness | null;
    }
  | { ok: false; action: 'build-failed'; name: string; built: StageResult }
  | { ok: false; action: 'exited'; name: string; exitCode: number; logTail: string[] };

/** A hash of what the container is made from, so `status` can tell the settings changed since. */
export function settingsHash(s: DevSettings, env: Record<string, string>): string {
  const { workspace, workdir, volumes, ports, command, user } = s;
  return createHash('sha256')
    .update(
      JSON.stringify({ workspace, workdir, volumes, ports, command, user, env: Object.entries(env).sort() }),
    )
    .digest('hex')
    .slice(0, 16);
}

/** How the container differs from what `up` would make now: its image's fingerprint, its settings. */
export async function staleness(
  docker: Docker,
  p: Project,
  s0: DevSettings,
  info: Docker.ContainerInspectInfo,
  deps: { fingerprint: DevFingerprinter },
  env: Record<string, string>,
): Promise<Staleness> {
  const s = resolveDev(p, s0.user, await imageDefaults(docker, info.Image));
  const now = await currentFingerprint(docker, p, s.stage, deps.fingerprint);
  const image = await docker
    .getImage(info.Image)
    .inspect()
    .catch(() => null);
  const had = image?.Config.Labels?.[FINGERPRINT_LABEL] ?? null;
  return {
    image: now === null || had === null ? null : now !== had,
    settings: info.Config.Labels?.[SETTINGS_LABEL] !== settingsHash(s, env),
  };
}

/**
 * `slipway dev up`: the long-lived dev container of this checkout, built and started when needed. A second
 * `up` changes nothing; `rebuild` builds and recreates it (keeping the dependency volume unless the lockfile
 * changed). A failed build or a command that stops at once is an outcome; a name or port taken is an error,
 * and nothing slipway did not make is touched.
 */
export async function devUp(p: Project, s0: DevSettings, deps: UpDeps, opts: UpOptions): Promise<UpResult> {
  const { docker } = deps;
  let s = s0;
  const existing = await ownContainer(docker, s);
  if (existing && !opts.rebuild) {
    const stale = await staleness(docker, p, s, existing, deps, opts.env);
    const kept = (action: 'already-up' | 'started'): UpResult => ({
      ok: true,
      action,
      name: s.name,
      image: existing.Image,
      built: null,
      seeded: [],
      replaced: [],
      stale,
    });
    if (existing.State.Running) return kept('already-up');
    await checkPorts(docker, s.ports);
    await startChecked(docker.getContainer(existing.Id), s);
    return (await stoppedAtOnce(docker.getContainer(existing.Id), s)) ?? kept('started');
  }

  // A taken port or a volume name that is not ours fails before anything is built, made or removed.
  if (!existing) await checkPorts(docker, s.ports);
  await checkVolumes(docker, s);
  const image = await devImage(p, s.stage, deps, opts);
  if (!image.ok) return { ok: false, action: 'build-failed', name: s.name, built: image.built };
  s = resolveDev(p, s.user, await imageDefaults(docker, image.id));
  if (existing) await stopAndRemove(docker.getContainer(existing.Id));

  const { created, replaced } = await ensureVolumes(docker, s, deps.session, {
    refreshDependencies: Boolean(opts.rebuild),
  });
  let container: Docker.Container | null = null;
  try {
    await seedVolumes(docker, s, image.id, deps.session, created);
    makeMountpoints(s);
    await checkPorts(docker, s.ports);
    const options = devCreateOptions(s, image.id, deps.session, opts.env);
    options.Labels = { ...options.Labels, [SETTINGS_LABEL]: settingsHash(s, opts.env) };
    container = await docker.createContainer(options);
    await startChecked(container, s);
  } catch (e) {
    await container?.remove({ force: true }).catch(() => undefined);
    await removeVolumes(
      docker,
      created.map((v) => v.name),
    ).catch(() => []);
    throw e;
  }
  const exited = await stoppedAtOnce(container, s);
  if (exited) return exited;
  return {
    ok: true,
    action: existing ? 'recreated' : 'created',
    name: s.name,
    image: image.id,
    built: image.built,
    seeded: created.map((v) => v.name),
    replaced,
    stale: null,
  };
}

/**
 * The host directories Docker would create (as root) inside the bind-mounted workspace to mount the volumes
 * on: made first, as the host user, so the workspace holds nothing root-owned.
 */
function makeMountpoints(s: DevSettings): void {
  for (const v of s.volumes) {
    const rel = posix.relative(s.workdir, v.target);
    if (!rel || rel.startsWith('..') || posix.isAbsolute(rel)) continue;
    try {
      mkdirSync(join(s.workspace, ...rel.split('/')), { recursive: true });
    } catch {
      /* Docker makes it then */
    }
  }
}

async function startChecked(c: Docker.Container, s: DevSettings): Promise<void> {
  try {
    await c.start();
  } catch (e) {
    const msg = errorMessage(e);
    if (isPortConflict(msg)) {
      const port = s.ports.find((p) => msg.includes(`:${p.host}`)) ?? s.ports[0];
      if (port) throw portTaken(port, null);
    }
    throw new EnvironmentError(
      `the dev container did not start: ${msg.replace(/^\(HTTP code \d+\) [a-z ]+- /, '')}`,
      "check 'dev.command' in slipway.yaml and the image's entrypoint",
    );
  }
}

/** A command that exits within a moment (a typo, a missing file) is reported with its last lines. */
async function stoppedAtOnce(c: Docker.Container, s: DevSettings): Promise<UpResult | null> {
  for (let i = 0; i < 10; i++) {
    const st = (await c.inspect()).State;
    if (!st.Running) {
      const raw = (await c.logs({ stdout: true, stderr: true, tail: 10 })) as unknown as Buffer;
      const logs = containerLogs(raw, s.command === null);
      const logTail = `${logs.stdout}${logs.stderr}`.trim().split('\n').filter(Boolean);
      return { ok: false, action: 'exited', name: s.name, exitCode: st.ExitCode, logTail };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Stops gracefully (the server's SIGTERM handling runs), then removes; the volumes stay. */
export async function stopAndRemove(c: Docker.Container): Promise<void> {
  await c.stop({ t: 10 }).catch(() => undefined);
  await c.remove({ force: true });
}
