import { describe, expect, it } from 'vitest';
import type { ExecResult } from '../../../src/check/exec.js';
import {
  detectService,
  lookPath,
  observeService,
  pathOf,
  type ServiceSystem,
  serviceFacts,
} from '../../../src/check/service.js';
import type { Entry } from '../../../src/probe/image-fs.js';

const file = (path: string, mode = 0o755): Entry => ({
  path,
  type: 'file',
  mode,
  uid: 0,
  gid: 0,
  size: 1,
  linkname: null,
  data: null,
});

/** A target with these files and these commands' exit codes (argv joined by spaces). */
function system(
  files: Record<string, string>,
  status: Record<string, number | [number, string]>,
  env: string[] = [],
) {
  const ran: string[] = [];
  const sys: ServiceSystem = {
    stat: async (p) => (p in files ? file(p, p.includes('/bin/') ? 0o755 : 0o644) : null),
    readText: async (p) => files[p] ?? null,
    list: async (d) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${d}/`))
        .map((p) => file(p)),
    run: async (argv): Promise<ExecResult | null> => {
      const key = argv.join(' ');
      ran.push(key);
      const s = status[key];
      if (s === undefined) return { exitCode: 127, stdout: '', stderr: 'not found', timedOut: false };
      const [exitCode, stdout] = Array.isArray(s) ? s : [s, ''];
      return { exitCode, stdout, stderr: '', timedOut: false };
    },
    env: async () => env,
  };
  return { sys, ran };
}

describe("services as goss's backend judges them", () => {
  it("the backend is goss's choice: systemctl on PATH, else by distribution", async () => {
    const base = {
      hasSystemctl: false,
      debianVersion: null,
      lsbRelease: null,
      redhat: false,
      alpine: false,
      arch: false,
    };
    expect(detectService({ ...base, hasSystemctl: true, debianVersion: '12.7\n' })).toBe('systemd');
    expect(detectService({ ...base, hasSystemctl: true, debianVersion: '8.11' })).toBe('systemdlegacy');
    expect(detectService({ ...base, lsbRelease: 'DISTRIB_ID=Ubuntu' })).toBe('upstart');
    expect(detectService({ ...base, alpine: true })).toBe('alpineinit');
    expect(detectService({ ...base, arch: true })).toBe('systemd');
    expect(detectService({ ...base, debianVersion: '12.7' })).toBe('init');
    const { sys } = system({ '/usr/bin/systemctl': '', '/etc/debian_version': '12.7\n' }, {});
    expect(await serviceFacts(sys)).toMatchObject({ hasSystemctl: true, debianVersion: '12.7\n' });
    // Only the container's PATH counts.
    const narrow = system({ '/usr/bin/systemctl': '' }, {}, ['PATH=/opt/bin']);
    expect(await lookPath('systemctl', narrow.sys)).toBe(false);
    expect(pathOf([])).toContain('/usr/sbin');
  });

  it('systemd: systemctl is-enabled / is-active, run in the target; no runlevels', async () => {
    const { sys, ran } = system(
      {},
      {
        'systemctl -q is-enabled apache2': 0,
        'systemctl -q is-active apache2': 0,
        'systemctl -q is-enabled autofs': 1,
      },
    );
    expect(await observeService('apache2', 'systemd', sys)).toEqual({
      enabled: true,
      running: true,
      runlevels: null,
    });
    expect(await observeService('autofs', 'systemd', sys)).toEqual({
      enabled: false,
      running: false,
      runlevels: null,
    });
    expect(ran).toContain('systemctl -q is-active autofs');
    expect(await observeService('a/b', 'systemd', sys)).toEqual({
      enabled: false,
      running: false,
      runlevels: null,
    });
  });

  it('SysV: enabled with a start link in any numeric runlevel; running when `service NAME status` exits 0', async () => {
    const { sys } = system(
      {
        '/etc/rc2.d/S01cron': '',
        '/etc/rc5.d/S01cron': '',
        '/etc/rcS.d/S01udev': '',
        '/etc/rc0.d/K01cron': '',
      },
      { 'service cron status': 0, 'service udev status': 3 },
    );
    expect(await observeService('cron', 'init', sys)).toEqual({
      enabled: true,
      running: true,
      runlevels: ['2', '5'],
    });
    expect(await observeService('udev', 'init', sys)).toEqual({
      enabled: false,
      running: false,
      runlevels: [],
    });
  });

  it('legacy systemd falls back on SysV; OpenRC reads /etc/runlevels; upstart its init files', async () => {
    const legacy = system({ '/etc/rc3.d/S02ssh': '' }, { 'service ssh status': 0 });
    expect(await observeService('ssh', 'systemdlegacy', legacy.sys)).toEqual({
      enabled: true,
      running: true,
      runlevels: null,
    });
    const rc = system(
      { '/etc/runlevels/default/sshd': '', '/etc/runlevels/boot/sshd': '' },
      { 'service sshd status': 0 },
    );
    expect(await observeService('sshd', 'alpineinit', rc.sys)).toEqual({
      enabled: true,
      running: true,
      runlevels: ['boot', 'default'],
    });
    const up = system(
      {
        '/etc/init/web.conf': 'description "x"\n  start on runlevel [2345]\n',
        '/etc/init/db.override': 'manual\n',
        '/etc/rc2.d/S20db': '',
      },
      {
        'service web status': [0, 'web start/running, process 12'],
        'service db status': [0, 'db stop/waiting'],
      },
    );
    expect(await observeService('web', 'upstart', up.sys)).toMatchObject({ enabled: true, running: true });
    expect(await observeService('db', 'upstart', up.sys)).toMatchObject({ enabled: false, running: false });
  });
});
