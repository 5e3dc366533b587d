import type Docker from 'dockerode';
import { KEEP_LABEL, sessionLabels } from '../engine/session.js';
import { CHECKOUT_LABEL, CHECKOUT_PATH_LABEL, DEV_LABEL, LOCKFILE_LABEL, TARGET_LABEL } from './naming.js';
import type { DevSettings, DevVolume } from './settings.js';

/** HOME of a non-root user in an image made for root: a tmpfs of its own, so tools that write ~ work. */
export const DEV_HOME = '/home/slipway';

/** The labels of what `dev up` makes: the session's (a SIGINT mid-way removes it), kept, and whose checkout. */
export function devLabels(
  s: DevSettings,
  session: string,
  kind: 'container' | 'volume',
): Record<string, string> {
  return {
    ...sessionLabels(session),
    [KEEP_LABEL]: 'true',
    [CHECKOUT_LABEL]: s.checkout,
    [CHECKOUT_PATH_LABEL]: s.root,
    [DEV_LABEL]: kind,
  };
}

export function volumeLabels(
  s: DevSettings,
  session: string,
  v: DevVolume,
  lockfile: string | null,
): Record<string, string> {
  return {
    ...devLabels(s, session, 'volume'),
    [TARGET_LABEL]: v.target,
    ...(v.role === 'dependencies' && lockfile ? { [LOCKFILE_LABEL]: lockfile } : {}),
  };
}

const portKey = (p: { container: number; protocol: string }) => `${p.container}/${p.protocol}`;

/**
 * The long-lived dev container: the workspace bind-mounted at the working directory, the named volumes
 * over it (never copied into again: the seed did that, with the host user's ownership), the host user's
 * uid:gid, ports on 127.0.0.1 only, the engine's init as PID 1 (signals reach the server, zombies are reaped).
 */
export function devCreateOptions(
  s: DevSettings,
  image: string,
  session: string,
  env: Record<string, string>,
): Docker.ContainerCreateOptions {
  const root = s.user.uid === 0;
  const ports = s.ports;
  return {
    name: s.name,
    Image: image,
    User: `${s.user.uid}:${s.user.gid}`,
    WorkingDir: s.workdir,
    Env: [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...(root ? [] : [`HOME=${DEV_HOME}`])],
    Labels: devLabels(s, session, 'container'),
    ...(s.command ? { Cmd: s.command } : { Tty: true, OpenStdin: true }),
    ExposedPorts: Object.fromEntries(ports.map((p) => [portKey(p), {}])),
    HostConfig: {
      Init: true,
      Mounts: [
        { Type: 'bind', Source: s.workspace, Target: s.workdir },
        ...s.volumes.map((v) => ({
          Type: 'volume' as const,
          Source: v.name,
          Target: v.target,
          // The types want Labels and DriverConfig too; the Engine API does not.
          VolumeOptions: { NoCopy: true } as NonNullable<Docker.MountSettings['VolumeOptions']>,
        })),
      ],
      ...(root ? {} : { Tmpfs: { [DEV_HOME]: `uid=${s.user.uid},gid=${s.user.gid},mode=0700` } }),
      PortBindings: Object.fromEntries(
        ports.map((p) => [portKey(p), [{ HostIp: '127.0.0.1', HostPort: String(p.host) }]]),
      ),
    },
  };
}
