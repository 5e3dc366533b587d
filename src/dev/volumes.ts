import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { EnvironmentError, errorMessage } from '../core/errors.js';
import { demuxLogs } from '../engine/logs.js';
import { sessionLabels } from '../engine/session.js';
import { volumeLabels } from './container.js';
import { nameTaken, ownerOf } from './find.js';
import { CHECKOUT_LABEL, CHECKOUT_PATH_LABEL, DEV_LABEL, LOCKFILE_LABEL, lockfileHash } from './naming.js';
import type { DevSettings, DevVolume } from './settings.js';

const statusOf = (e: unknown) => (e as { statusCode?: number }).statusCode;

/** The hash of the dependency lockfile as it is now (null: none). */
export function currentLockfile(s: DevSettings): string | null {
  const f = s.dependencies?.lockfile;
  if (!f) return null;
  try {
    return lockfileHash(readFileSync(f));
  } catch {
    return null;
  }
}

export async function inspectVolume(docker: Docker, name: string): Promise<Docker.VolumeInspectInfo | null> {
  try {
    return await docker.getVolume(name).inspect();
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw e;
  }
}

/** This checkout's dev volumes in the engine (also ones no longer configured). */
export async function ownVolumes(docker: Docker, s: DevSettings): Promise<Docker.VolumeInspectInfo[]> {
  const filters = JSON.stringify({ label: [`${CHECKOUT_LABEL}=${s.checkout}`, `${DEV_LABEL}=volume`] });
  const { Volumes } = await docker.listVolumes({ filters });
  return (Volumes ?? []).filter((v) => v.Name.startsWith(`${s.name}-`));
}

/**
 * The configured volumes as they are in the engine: this checkout's, or absent. One of the same name that
 * slipway did not make for this checkout is an error, raised before anything is changed (it is left alone).
 */
export async function checkVolumes(
  docker: Docker,
  s: DevSettings,
): Promise<Map<string, Docker.VolumeInspectInfo | null>> {
  const out = new Map<string, Docker.VolumeInspectInfo | null>();
  for (const v of s.volumes) {
    const found = await inspectVolume(docker, v.name);
    if (found) {
      const owner = ownerOf(found.Labels as Record<string, string> | null, s);
      if (owner === 'foreign') throw nameTaken(s, 'volume', { kind: 'foreign' }, v.name);
      if (owner === 'other-checkout')
        throw nameTaken(
          s,
          'volume',
          { kind: 'other-checkout', path: found.Labels?.[CHECKOUT_PATH_LABEL] ?? 'another checkout' },
          v.name,
        );
    }
    out.set(v.name, found);
  }
  return out;
}

/**
 * Makes the configured volumes exist: a volume of this checkout is kept; the dependency volume is made
 * again when `refreshDependencies` and its lockfile changed. Returns the volumes created now (to be seeded).
 */
export async function ensureVolumes(
  docker: Docker,
  s: DevSettings,
  session: string,
  opts: { refreshDependencies: boolean },
): Promise<{ created: DevVolume[]; replaced: string[] }> {
  const lock = currentLockfile(s);
  const state = await checkVolumes(docker, s);
  const created: DevVolume[] = [];
  const replaced: string[] = [];
  try {
    for (const v of s.volumes) {
      const found = state.get(v.name);
      if (found) {
        const stale =
          v.role === 'dependencies' &&
          opts.refreshDependencies &&
          (found.Labels?.[LOCKFILE_LABEL] ?? null) !== lock;
        if (!stale) continue;
        await docker.getVolume(v.name).remove();
        replaced.push(v.name);
      }
      await docker.createVolume({ Name: v.name, Labels: volumeLabels(s, session, v, lock) });
      created.push(v);
    }
  } catch (e) {
    // A volume made here and never seeded would be mounted empty by the next `up` (and is kept on purpose,
    // so never swept): take back what this call made before failing.
    await removeVolumes(
      docker,
      created.map((v) => v.name),
    ).catch(() => []);
    throw e;
  }
  return { created, replaced };
}

/**
 * Fills new volumes from the image and gives them to the host user. Docker copies the image's content at a
 * mount path into an empty named volume when a container that mounts it is created; a container of the
 * image, run as root, then hands the volumes to uid:gid (`chown -R`). The dev container mounts them with
 * `nocopy`, so that copy (which would bring the image's ownership back) never happens again.
 */
export async function seedVolumes(
  docker: Docker,
  s: DevSettings,
  image: string,
  session: string,
  volumes: readonly DevVolume[],
): Promise<void> {
  if (!volumes.length) return;
  const chown = s.user.uid !== 0 || s.user.gid !== 0;
  const c = await docker.createContainer({
    Image: image,
    User: '0:0',
    Entrypoint: ['chown', '-R', `${s.user.uid}:${s.user.gid}`, ...volumes.map((v) => v.target)],
    Cmd: [],
    Labels: sessionLabels(session),
    NetworkDisabled: true,
    HostConfig: { Mounts: volumes.map((v) => ({ Type: 'volume', Source: v.name, Target: v.target })) },
  });
  try {
    if (!chown) return;
    try {
      await c.start();
    } catch (e) {
      throw seedFailed(s, `chown could not run in the image: ${errorMessage(e)}`);
    }
    const { StatusCode } = (await c.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const { stdout, stderr } = demuxLogs(
        (await c.logs({ stdout: true, stderr: true })) as unknown as Buffer,
      );
      throw seedFailed(
        s,
        `chown -R exited with ${StatusCode}: ${`${stderr}${stdout}`.trim().split('\n').slice(-2).join(' / ')}`,
      );
    }
  } finally {
    await c.remove({ force: true, v: true }).catch(() => undefined);
  }
}

const seedFailed = (s: DevSettings, why: string) =>
  new EnvironmentError(
    `the dev volumes could not be given to ${s.user.uid}:${s.user.gid}: ${why}`,
    'the dev stage needs chown (coreutils or busybox) for a non-root host user',
  );

export async function removeVolumes(docker: Docker, names: readonly string[]): Promise<string[]> {
  const gone: string[] = [];
  for (const n of names) {
    try {
      await docker.getVolume(n).remove();
      gone.push(n);
    } catch (e) {
      if (statusOf(e) === 404) continue;
      throw e;
    }
  }
  return gone;
}
