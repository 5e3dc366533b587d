import { statSync } from 'node:fs';
import type Docker from 'dockerode';
import type { Project } from '../project/project.js';
import { FINGERPRINT_LABEL } from '../stages/build-stages.js';
import { ownContainer } from './find.js';
import type { DevFingerprinter } from './fingerprint.js';
import { currentFingerprint } from './image.js';
import { LOCKFILE_LABEL, TARGET_LABEL } from './naming.js';
import type { DevSettings } from './settings.js';
import { SETTINGS_LABEL, settingsHash } from './up.js';
import { currentLockfile, ownVolumes } from './volumes.js';

/** What `slipway dev status` reports (data; report/dev.ts formats it). */
export interface DevStatus {
  name: string;
  checkout: string;
  stage: string;
  /** `absent`, or the engine's state: running, exited, created, paused, restarting, dead. */
  state: string;
  startedAt: string | null;
  exitCode: number | null;
  image: { id: string; created: string; fingerprint: string | null } | null;
  /** The dev stage's fingerprint now; null when it cannot be known (a base image not in the engine). */
  fingerprint: string | null;
  /** The container's image was built from another fingerprint (null: cannot tell). */
  stale: boolean | null;
  /** The dev settings (mounts, ports, env, command) changed since the container was made. */
  settingsChanged: boolean;
  dockerfile: { path: string; modified: string };
  workspace: string;
  workdir: string;
  ports: { container: string; host: string }[];
  volumes: { name: string; target: string; role: string; lockfileChanged: boolean | null }[];
}

export async function devStatus(
  docker: Docker,
  p: Project,
  s: DevSettings,
  deps: { fingerprint: DevFingerprinter },
  env: Record<string, string>,
): Promise<DevStatus> {
  const [info, fingerprint, volumes] = await Promise.all([
    ownContainer(docker, s),
    currentFingerprint(docker, p, s.stage, deps.fingerprint),
    ownVolumes(docker, s),
  ]);
  const img = info
    ? await docker
        .getImage(info.Image)
        .inspect()
        .catch(() => null)
    : null;
  const imageFp = img?.Config.Labels?.[FINGERPRINT_LABEL] ?? null;
  const lock = currentLockfile(s);
  const ports = Object.entries(info?.NetworkSettings?.Ports ?? {}).flatMap(([k, binds]) =>
    (binds ?? []).map((b) => ({ container: k, host: `${b.HostIp}:${b.HostPort}` })),
  );
  return {
    name: s.name,
    checkout: s.checkout,
    stage: s.stage,
    state: info?.State.Status ?? 'absent',
    startedAt: info?.State.Running ? info.State.StartedAt : null,
    exitCode: info && !info.State.Running ? info.State.ExitCode : null,
    image: img ? { id: img.Id, created: img.Created, fingerprint: imageFp } : null,
    fingerprint,
    stale: !info ? null : fingerprint === null || imageFp === null ? null : fingerprint !== imageFp,
    settingsChanged: Boolean(info) && info?.Config.Labels?.[SETTINGS_LABEL] !== settingsHash(s, env),
    dockerfile: { path: p.config.dockerfile, modified: statSync(p.config.dockerfile).mtime.toISOString() },
    workspace: s.workspace,
    workdir: s.workdir,
    ports,
    volumes: volumes.map((v) => {
      const role = s.volumes.find((c) => c.name === v.Name)?.role ?? 'unconfigured';
      const had = v.Labels?.[LOCKFILE_LABEL] ?? null;
      return {
        name: v.Name,
        target: v.Labels?.[TARGET_LABEL] ?? '',
        role,
        lockfileChanged: role === 'dependencies' && (had !== null || lock !== null) ? had !== lock : null,
      };
    }),
  };
}
