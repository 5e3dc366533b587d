import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execIn } from '../../src/check/exec.js';
import { slipway } from '../helpers/cli.js';
import { docker, leftovers } from '../helpers/engine.js';
import { GOSS_ENV_DIR, gossEnvImages } from '../helpers/goss-env.js';

/**
 * The kind of environment goss's own integration suite runs in, built of Debian's packages with files of our
 * own: a bookworm image booting /sbin/init (systemd) with apache2, tinyproxy and dnsmasq (a zone with every
 * record type), a fifo, beside an httpbin companion, on an internal network with a pinned subnet (nothing
 * leaves the machine; nothing is reached from the host). Checked with `--container` (started here by hand,
 * as a user would) and with `--image` and the run options (slipway starts and removes everything).
 */
describe('the goss integration environment (systemd, services, every DNS record, httpbin)', () => {
  const tag = `${process.pid}`;
  const net = `slipway-goss-env-${tag}`;
  const subnet = '172.29.47.0/24';
  const spec = join(GOSS_ENV_DIR, 'spec');
  let images: { env: string; httpbin: string };
  let network: Docker.Network;
  let httpbin: Docker.Container;
  let target: Docker.Container;
  let httpbinIp = '';
  let work: string;

  beforeAll(async () => {
    images = await gossEnvImages();
    work = mkdtempSync(join(tmpdir(), 'slipway-goss-env-'));
    network = await docker.createNetwork({
      Name: net,
      Internal: true,
      IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] },
    });
    httpbin = await docker.createContainer({
      Image: images.httpbin,
      name: `slipway-goss-httpbin-${tag}`,
      HostConfig: { NetworkMode: net },
      NetworkingConfig: { EndpointsConfig: { [net]: { Aliases: ['httpbin'] } } },
    });
    await httpbin.start();
    httpbinIp = (await httpbin.inspect()).NetworkSettings.Networks[net]?.IPAddress ?? '';
    // As goss's test.sh runs its image, less --privileged (refused here): systemd needs none of it.
    target = await docker.createContainer({
      Image: images.env,
      name: `slipway-goss-env-${tag}`,
      Entrypoint: ['/sbin/init'],
      Env: ['OS=bookworm'],
      StopSignal: 'SIGRTMIN+3',
      HostConfig: {
        NetworkMode: net,
        Tmpfs: { '/run': '', '/run/lock': '' },
        Binds: [`${spec}:/slipway-env:ro`, '/sys/fs/cgroup:/sys/fs/cgroup:ro'],
      },
    });
    await target.start();
    for (let i = 0; i < 150; i++) {
      const r = await execIn(target, ['systemctl', 'is-system-running'], 5000);
      if (/^(running|degraded)$/m.test(r.stdout)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // httpbin answers before the checks start (goss's suite waits for it too).
    for (let i = 0; i < 100; i++) {
      if ((await httpbin.inspect()).State.Health?.Status === 'healthy') break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(
      [target, httpbin].map((c) => c?.remove({ force: true, v: true }).catch(() => undefined)),
    );
    await network?.remove().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  const vars = () => [
    '--vars',
    join(spec, 'vars.yaml'),
    '--vars-inline',
    `{inline: bar, overwrite: bar, httpbin-ip: "${httpbinIp}", subnet-prefix: "172.29.47."}`,
  ];

  it('--container: every check passes, goss counts; the container is left as it was', async () => {
    const before = await snapshot(target);
    const r = await slipway([
      'test',
      '--container',
      `slipway-goss-env-${tag}`,
      '--spec',
      join(spec, 'main.yaml'),
      ...vars(),
      '--format',
      'tap',
    ]);
    const notOk = r.stdout.split('\n').filter((l) => l.startsWith('not ok'));
    expect(notOk, r.stdout + r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    const plan = /^1\.\.(\d+)$/m.exec(r.stdout)?.[1];
    expect(Number(plan)).toBe(r.stdout.split('\n').filter((l) => /^ok \d+/.test(l)).length);
    // What goss's suite skips: a skipped command, a skipped file; an include with skip is left out.
    expect(r.stdout.match(/# SKIP/g)).toHaveLength(2);
    // systemd's answers (the target boots it): is-enabled / is-active; SysV would not see tinyproxy's runlevels.
    expect(r.stdout).toMatch(/^ok \d+ - Service: tinyproxy: running: matches expectation: true$/m);
    expect(r.stdout).toMatch(
      /^ok \d+ - DNS: CAA:slipway\.test: addrs: matches expectation: \["0 issue ca\.example","0 issuewild ;"\]$/m,
    );
    expect(r.stdout).toMatch(
      /^ok \d+ - File: \/run\/systemd\/private: filetype: matches expectation: "socket"$/m,
    );
    expect(r.stdout).toMatch(/^ok \d+ - Matching: env_from_the_container: matches/m);
    // The later declaration wins, with goss's warning; a file included twice does not replace itself.
    expect(r.stderr).toMatch(
      /warning SPEC016 service 'apache2' replaces the declaration at .*shared-a\.yaml/,
    );
    expect(r.stderr).not.toMatch(/command 'included-once' replaces/);
    expect(await snapshot(target)).toEqual(before);
    expect(await leftovers()).toEqual([]);
  }, 180_000);

  it('failures read as goss words them; a command that times out is killed in the container', async () => {
    const f = join(work, 'fail.yaml');
    writeFileSync(
      f,
      [
        'command:',
        '  sleep 7: { exit-status: 0, timeout: 500 }',
        'dns:',
        "  A:slipway.test: { resolvable: true, server: '127.0.0.1:8054', timeout: 500 }",
        "  MX:nothing.slipway.test: { resolvable: true, server: '127.0.0.1:8053', timeout: 1000 }",
        'service:',
        '  nosuchservice: { enabled: true, running: false }',
        'http:',
        '  http://httpbin/status/418: { status: 200, timeout: 5000 }',
        '',
      ].join('\n'),
    );
    const r = await slipway(['test', '--container', `slipway-goss-env-${tag}`, '--spec', f]);
    expect(r.code).toBe(1);
    const failed = (what: string, ...lines: string[]) =>
      expect(r.stdout).toContain([what, ...lines].join('\n'));
    failed('Command: sleep 7: exit-status:', 'Error', '    Command execution timed out (500ms)');
    failed(
      'DNS: A:slipway.test: resolvable:',
      'Error',
      '    read udp 127.0.0.1:8054: read: connection refused',
    );
    failed('DNS: MX:nothing.slipway.test: resolvable:', 'Expected', '    false', 'to equal', '    true');
    failed('Service: nosuchservice: enabled:', 'Expected', '    false', 'to equal', '    true');
    failed(
      'HTTP: http://httpbin/status/418: status:',
      'Expected',
      '    418',
      'to be numerically eq',
      '    200',
    );
    expect(r.stdout).toMatch(/Count: 6, Failed: 5, Skipped: 0/);
    // Killed in the container by slipway's watchdog, which may still be finishing as the CLI exits: 5 s at most.
    let procs = '';
    for (let i = 0; i < 25; i++) {
      procs = JSON.stringify((await target.top({ ps_args: '-o pid,args' })).Processes);
      if (!procs.includes('sleep 7')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(procs).not.toContain('sleep 7');
    expect(await leftovers()).toEqual([]);
  }, 120_000);

  it('--image with --systemd and a companion network: slipway boots it, waits for systemd, removes everything', async () => {
    const f = join(work, 'image.yaml');
    writeFileSync(
      f,
      [
        'service:',
        '  apache2: { enabled: true, running: true }',
        '  dnsmasq: { enabled: true, running: true }',
        'process:',
        '  systemd: { running: true }',
        'http:',
        '  http://httpbin/get: { status: 200, timeout: 10000, body: [\'"User-Agent": "goss/\'] }',
        'dns:',
        "  MX:slipway.test: { resolvable: true, addrs: [10 b.slipway.test., 5 a.slipway.test.], server: '127.0.0.1:8053', timeout: 2000 }",
        'interface:',
        "  eth0: { exists: true, addrs: { contain-element: { have-prefix: '172.29.48.' } } }",
        'matching:',
        '  os: { content: "{{ .Env.OS }}", matches: bookworm }',
        '',
      ].join('\n'),
    );
    const args = ['test', '--image', images.env, '--spec', f, '--systemd', '--env', 'OS=bookworm'];
    const r = await slipway([
      ...args,
      ...['--companion', `httpbin=${images.httpbin}`, '--subnet', '172.29.48.0/24', '--internal'],
      ...['--format', 'tap'],
    ]);
    expect(
      r.stdout.split('\n').filter((l) => l.startsWith('not ok')),
      r.stdout + r.stderr,
    ).toEqual([]);
    expect(r.stdout).toMatch(/^1\.\.12$/m);
    expect(r.code).toBe(0);
    expect(await leftovers()).toEqual([]);
  }, 180_000);

  it('what cannot run is said so: --privileged refused by this runtime, /sbin/init without --systemd', async () => {
    const f = join(work, 'one.yaml');
    writeFileSync(f, 'process:\n  systemd: { running: true }\n');
    const priv = await slipway(['test', '--image', images.env, '--spec', f, '--systemd', '--privileged']);
    if (priv.code !== 0) {
      expect(priv.code).toBe(3);
      expect(priv.stderr).toContain(
        'the container did not start: the runtime refuses --privileged here (unable to apply caps: operation not permitted)',
      );
      expect(priv.stderr).toContain('systemd: true, which needs no privileges');
    }
    const init = await slipway(['test', '--image', images.env, '--spec', f, '--entrypoint', '/sbin/init']);
    expect(init.code).toBe(1);
    expect(init.stdout).toMatch(
      /the container stopped: its command exited with code \d+.*also needs what --systemd/,
    );
    expect(await leftovers()).toEqual([]);
  }, 120_000);
});

/** What a check must not change: the container's state, its processes and its /tmp. */
async function snapshot(c: Docker.Container): Promise<unknown> {
  const info = await c.inspect();
  const top = await c.top({ ps_args: '-o pid,comm' });
  const tmp = await execIn(c, ['ls', '-A', '/tmp'], 5000);
  return {
    id: info.Id,
    running: info.State.Running,
    started: info.State.StartedAt,
    processes: (top.Processes as string[][]).map((p) => p.join(' ')).filter((p) => !/\bps$/.test(p)),
    tmp: tmp.stdout,
  };
}
