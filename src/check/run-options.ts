/**
 * The engine's container settings for a test target's run options (pure): `user`, `privileged`, `capAdd`,
 * `tmpfs`, bind `volumes`, `addHost`, the network, and the `systemd` shorthand — what a systemd image needs
 * to boot unprivileged: /sbin/init (unless an entrypoint is given), tmpfs on /run and /run/lock, SIGRTMIN+3
 * to stop, and the cgroup hierarchy: on cgroup v1 the host's /sys/fs/cgroup bound read-only; on cgroup v2 a
 * private cgroup namespace made writable (`writable-cgroups=true`, Docker Engine 28 and later).
 */
import type { TestRun } from '../config/config.js';

export type RunOptions = Pick<
  TestRun,
  'user' | 'privileged' | 'capAdd' | 'tmpfs' | 'volumes' | 'addHost' | 'systemd'
>;

export interface ContainerSettings {
  Entrypoint?: string[];
  Cmd?: string[];
  User?: string;
  StopSignal?: string;
  HostConfig: {
    Binds: string[];
    Tmpfs?: Record<string, string>;
    Privileged?: boolean;
    CapAdd?: string[];
    ExtraHosts?: string[];
    NetworkMode?: string;
    CgroupnsMode?: 'private' | 'host';
    SecurityOpt?: string[];
  };
}

export const SYSTEMD_STOP_SIGNAL = 'SIGRTMIN+3';

export function containerSettings(
  o: RunOptions,
  run: { entrypoint?: string[]; cmd?: string[]; binds?: string[]; network?: string | null },
  cgroupVersion: '1' | '2',
): ContainerSettings {
  const sd = o.systemd === true;
  const entrypoint = run.entrypoint ?? (sd ? ['/sbin/init'] : undefined);
  const tmpfs: Record<string, string> = sd ? { '/run': '', '/run/lock': '' } : {};
  for (const t of o.tmpfs ?? []) {
    const at = t.indexOf(':');
    if (at < 0) tmpfs[t] = '';
    else tmpfs[t.slice(0, at)] = t.slice(at + 1);
  }
  const binds = [...(run.binds ?? []), ...(o.volumes ?? [])];
  if (sd && cgroupVersion === '1') binds.push('/sys/fs/cgroup:/sys/fs/cgroup:ro');
  return {
    // An entrypoint given alone runs without the image's CMD, as docker run --entrypoint does.
    ...(entrypoint ? { Entrypoint: entrypoint, Cmd: run.cmd ?? [] } : run.cmd ? { Cmd: run.cmd } : {}),
    ...(o.user ? { User: o.user } : {}),
    ...(sd ? { StopSignal: SYSTEMD_STOP_SIGNAL } : {}),
    HostConfig: {
      Binds: binds,
      ...(Object.keys(tmpfs).length ? { Tmpfs: tmpfs } : {}),
      ...(o.privileged ? { Privileged: true } : {}),
      ...(o.capAdd?.length ? { CapAdd: o.capAdd } : {}),
      ...(o.addHost?.length ? { ExtraHosts: o.addHost } : {}),
      ...(run.network ? { NetworkMode: run.network } : {}),
      ...(sd && cgroupVersion === '2'
        ? { CgroupnsMode: 'private', SecurityOpt: ['writable-cgroups=true'] }
        : {}),
    },
  };
}

/** What `systemctl is-system-running` says about a boot: settled (running, degraded), still going, or not systemd. */
export function systemState(stdout: string): 'settled' | 'degraded' | 'starting' | 'offline' {
  const s = stdout.trim().split('\n').pop() ?? '';
  if (s === 'running') return 'settled';
  if (s === 'degraded') return 'degraded';
  if (s === 'offline' || s === '') return 'offline';
  return 'starting';
}
