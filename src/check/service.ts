/**
 * Services as goss judges them: goss picks one backend per system (system.go DetectService) — systemd when
 * `systemctl` is on the PATH (the "legacy" variant, with a SysV fallback, on Debian before 9), otherwise by
 * distribution: upstart on Ubuntu, OpenRC on Alpine, systemd on Arch, SysV init everywhere else — and asks
 * it the way goss's backend does. What the target holds decides, not what slipway guesses: the same spec
 * gives systemd's answers in a container booted with /sbin/init and SysV's in a plain one without systemctl.
 */
import { posix } from 'node:path';
import type { Entry } from '../probe/image-fs.js';
import type { ExecResult } from './exec.js';

export type ServiceBackend = 'systemd' | 'systemdlegacy' | 'upstart' | 'alpineinit' | 'init';

/** What goss looks at to choose: systemctl on PATH, then the release files of DetectDistro. */
export interface ServiceFacts {
  hasSystemctl: boolean;
  debianVersion: string | null;
  lsbRelease: string | null;
  redhat: boolean;
  alpine: boolean;
  arch: boolean;
}

export function detectService(f: ServiceFacts): ServiceBackend {
  if (f.hasSystemctl) {
    const major = /^(\d+)\./.exec(f.debianVersion ?? '')?.[1];
    return major !== undefined && Number(major) < 9 ? 'systemdlegacy' : 'systemd';
  }
  // DetectDistro's order: Ubuntu (lsb-release), Red Hat, Alpine, Arch, Debian.
  if (f.lsbRelease?.includes('Ubuntu')) return 'upstart';
  if (f.redhat) return 'init';
  if (f.alpine) return 'alpineinit';
  if (f.arch) return 'systemd';
  return 'init';
}

/** docker exec's PATH when the container's environment sets none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The PATH a process started in the container gets (its environment, else the engine's default). */
export function pathOf(env: readonly string[]): string[] {
  const p = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? DEFAULT_PATH;
  return p.split(':').map((d) => d || '.');
}

/** What the backends read and run in the target. */
export interface ServiceSystem {
  /** The entry at a path, symlinks followed; null when absent. */
  stat(path: string): Promise<Entry | null>;
  readText(path: string): Promise<string | null>;
  /** Every entry under a directory, recursively ([] when absent). */
  list(dir: string): Promise<Entry[]>;
  /** Runs argv in the target; null when it could not be run at all. */
  run(argv: string[]): Promise<ExecResult | null>;
  env(): Promise<string[]>;
}

/** goss's exec.LookPath: a regular file with an execute bit in a PATH directory. */
export async function lookPath(cmd: string, sys: ServiceSystem): Promise<boolean> {
  for (const dir of pathOf(await sys.env())) {
    if (!dir.startsWith('/')) continue;
    const e = await sys.stat(posix.join(dir, cmd));
    if (e && e.type === 'file' && (e.mode & 0o111) !== 0) return true;
  }
  return false;
}

export async function serviceFacts(sys: ServiceSystem): Promise<ServiceFacts> {
  const exists = async (p: string) => (await sys.stat(p)) !== null;
  const [hasSystemctl, debianVersion, lsbRelease, rh, sr, alpine, arch] = await Promise.all([
    lookPath('systemctl', sys),
    sys.readText('/etc/debian_version'),
    sys.readText('/etc/lsb-release'),
    exists('/etc/redhat-release'),
    exists('/etc/system-release'),
    exists('/etc/alpine-release'),
    exists('/etc/arch-release'),
  ]);
  return { hasSystemctl, debianVersion, lsbRelease, redhat: rh || sr, alpine, arch };
}

export interface ServiceObservation {
  enabled: boolean;
  running: boolean;
  /** null: the backend has none (systemd's RunLevels returns nil). */
  runlevels: string[] | null;
}

const ok = (x: ExecResult | null) => x !== null && !x.timedOut && x.exitCode === 0;

/** One service, asked the way `backend` asks (system/service_*.go). */
export async function observeService(
  name: string,
  backend: ServiceBackend,
  sys: ServiceSystem,
): Promise<ServiceObservation> {
  const invalid = name.includes('/');
  const sysv = async (): Promise<ServiceObservation> => {
    if (invalid) return { enabled: false, running: false, runlevels: null };
    const levels = await sysvRunlevels(name, sys);
    const status = await sys.run(['service', name, 'status']);
    return { enabled: levels.length > 0, running: ok(status), runlevels: levels };
  };
  switch (backend) {
    case 'systemd':
    case 'systemdlegacy': {
      if (invalid) return { enabled: false, running: false, runlevels: null };
      const [enabled, active] = await Promise.all([
        sys.run(['systemctl', '-q', 'is-enabled', name]),
        sys.run(['systemctl', '-q', 'is-active', name]),
      ]);
      const obs = { enabled: ok(enabled), running: ok(active), runlevels: null };
      if (backend === 'systemd' || (obs.enabled && obs.running)) return obs;
      const v = await sysv();
      return { enabled: obs.enabled || v.enabled, running: obs.running || v.running, runlevels: null };
    }
    case 'alpineinit': {
      if (invalid) return { enabled: false, running: false, runlevels: null };
      const levels = (await sys.list('/etc/runlevels'))
        .map((e) => new RegExp(`^/etc/runlevels/([^/]+)/${escapeRe(name)}$`).exec(e.path)?.[1])
        .filter((l): l is string => l !== undefined)
        .sort();
      const status = await sys.run(['service', name, 'status']);
      return { enabled: levels.length > 0, running: ok(status), runlevels: levels };
    }
    case 'upstart': {
      const override = await sys.readText(`/etc/init/${name}.override`);
      const conf = await sys.readText(`/etc/init/${name}.conf`);
      const v = await sysv();
      let enabled = v.enabled;
      if (override?.split('\n').some((l) => /^manual/.test(l))) enabled = false;
      else if (conf?.split('\n').some((l) => /^\s*start on/.test(l))) enabled = true;
      const status = await sys.run(['service', name, 'status']);
      const running = ok(status) && /running|online/.test(status?.stdout ?? '');
      return { enabled, running, runlevels: v.runlevels };
    }
    default:
      return sysv();
  }
}

/** SysV: the runlevels whose /etc/rcN.d has a start link `S<NN><name>` (goss's glob, numeric levels only). */
async function sysvRunlevels(name: string, sys: ServiceSystem): Promise<string[]> {
  const levels: string[] = [];
  for (const n of ['0', '1', '2', '3', '4', '5', '6']) {
    const entries = await sys.list(`/etc/rc${n}.d`);
    if (entries.some((e) => new RegExp(`/S\\d\\d${escapeRe(name)}$`).test(e.path))) levels.push(n);
  }
  return levels;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
