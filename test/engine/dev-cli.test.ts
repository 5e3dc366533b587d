import { appendFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutId } from '../../src/dev/index.js';
import { sweepStale } from '../../src/engine/session.js';
import { slipway } from '../helpers/cli.js';
import {
  checkoutResources,
  devRepo,
  docker,
  freePort,
  httpGet,
  removeCheckout,
  waitFor,
} from '../helpers/dev.js';
import { removeImagesOf } from '../helpers/engine.js';

interface Status {
  state: string;
  stale: boolean | null;
  image: { id: string } | null;
  ports: { container: string; host: string }[];
  volumes: { name: string; target: string; role: string; lockfileChanged: boolean | null }[];
}

/** `slipway dev` on a tiny busybox repository with a dev stage: the whole loop against the real engine. */
describe('slipway dev (tiny repository with a dev stage, real engine)', () => {
  const image = `slipway-test-dev-${process.pid}`;
  let repo: string;
  let port: number;
  let checkout: string;
  const dev = (sub: string, ...args: string[]) => slipway(['dev', sub, '--cwd', repo, '--quiet', ...args]);
  const status = async () => JSON.parse((await dev('status', '--format', 'json')).stdout) as Status;
  const container = async () => {
    const [c] = await docker.listContainers({
      all: true,
      filters: JSON.stringify({ label: [`dev.slipway.checkout=${checkout}`] }),
    });
    if (!c) throw new Error('no dev container');
    return docker.getContainer(c.Id).inspect();
  };

  beforeAll(async () => {
    port = await freePort();
    repo = devRepo({ image, port });
    checkout = checkoutId(repo);
  });
  afterAll(async () => {
    await slipway(['dev', 'down', '--volumes', '--cwd', repo]);
    await removeCheckout(docker, checkout);
    await removeImagesOf(image);
    rmSync(repo, { recursive: true, force: true });
  });

  it('up builds the dev stage and starts its container; a second up changes nothing', async () => {
    const first = await dev('up');
    expect(first.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(first.code).toBe(0);
    const name = `slipway-dev-${image}-${checkout.slice(0, 8)}`;
    expect(first.stdout).toContain(`dev container ${name}: created and started`);
    expect(first.stdout).toContain(`built ${image}:dev`);
    expect(first.stdout).toContain(`volumes seeded from the image: ${name}-app-deps, ${name}-data`);

    const c = await container();
    expect(c.Name).toBe(`/${name}`);
    expect(c.Config.Labels).toMatchObject({
      'dev.slipway.managed': 'true',
      'dev.slipway.keep': 'true',
      'dev.slipway.checkout': checkout,
      'dev.slipway.checkout-path': repo,
      'dev.slipway.dev': 'container',
    });
    expect(c.Config.User).toBe(`${process.getuid?.()}:${process.getgid?.()}`);
    expect(c.Config.WorkingDir).toBe('/app');
    expect(c.HostConfig.PortBindings).toEqual({
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }],
    });
    expect(c.Mounts.map((m) => [m.Type, m.Destination]).sort()).toEqual([
      ['bind', '/app'],
      ['volume', '/app/deps'],
      ['volume', '/data'],
    ]);
    for (const v of [`${name}-app-deps`, `${name}-data`])
      expect((await docker.getVolume(v).inspect()).Labels).toMatchObject({
        'dev.slipway.keep': 'true',
        'dev.slipway.checkout': checkout,
        'dev.slipway.dev': 'volume',
      });

    const second = await dev('up');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`dev container ${name}: already up\n`);
    expect(second.stderr).not.toContain('building stage');
    const again = await container();
    expect([again.Id, again.State.StartedAt]).toEqual([c.Id, c.State.StartedAt]);
  });

  it('the server answers on 127.0.0.1; a source edit on the host restarts it, without a rebuild', async () => {
    expect(await waitFor('the server', () => httpGet(port))).toBe('v1\n');
    const before = await container();
    writeFileSync(join(repo, 'src/version.txt'), 'v2\n');
    expect(
      await waitFor('the restarted server', async () => ((await httpGet(port)) === 'v2\n' ? 'v2' : null)),
    ).toBe('v2');
    const logs = await dev('logs');
    expect(logs.stdout).toMatch(/serving v1\nchange detected: restarting\nserving v2/);
    const after = await container();
    expect([after.Id, after.Image, after.State.StartedAt]).toEqual([
      before.Id,
      before.Image,
      before.State.StartedAt,
    ]);
    // The sources are no input of the dev stage: the edit does not make it stale.
    expect((await status()).stale).toBe(false);
  });

  it('exec runs one command without a TTY and passes its exit code; the dependency volume holds the image content', async () => {
    const r = await dev('exec', '--', 'sh', '-c', 'cat deps/marker; test -t 0 && echo tty || echo no-tty');
    expect(r.stdout).toBe('seeded\nno-tty\n');
    expect(r.code).toBe(0);
    expect((await dev('exec', '--', 'sh', '-c', 'exit 7')).code).toBe(7);
    const root = await dev('exec', '-u', 'root', '--', 'id', '-u');
    expect(root.stdout.trim()).toBe('0');
  });

  it("is kept on purpose: the sweep of dead runs' leftovers never takes the container or its volumes", async () => {
    // The process that made them (`dev up`) is gone: to the sweep they look like a dead run's leftovers,
    // but they are kept on purpose. (Only their owner is judged: another run's things on this engine stay out of it.)
    const owner = (await container()).Config.Labels?.['dev.slipway.owner'] ?? '';
    const removed = await sweepStale(docker, (o) =>
      `${o.host}/${o.pid}/${o.start}` === owner ? false : null,
    );
    expect(removed).toBe(0);
    expect(await checkoutResources(docker, checkout)).toHaveLength(3);
  });

  it('after a Dockerfile change status and up say it is stale; up --rebuild recreates it, keeping the dependency volume', async () => {
    expect((await dev('exec', '--', 'touch', 'deps/made-inside')).code).toBe(0);
    const old = await container();
    appendFileSync(join(repo, 'Dockerfile'), '\nFROM dev AS extra\n');
    expect((await status()).stale).toBe(false); // a stage the dev stage does not need
    writeFileSync(
      join(repo, 'Dockerfile'),
      (await import('node:fs'))
        .readFileSync(join(repo, 'Dockerfile'), 'utf8')
        .replace('CMD ["sh"]', 'ENV CHANGED=1\nCMD ["sh"]'),
    );
    const st = await status();
    expect(st.stale).toBe(true);
    const text = await dev('status');
    expect(text.stdout).toMatch(/fingerprint\s+STALE: the dev stage changed since its image was built/);
    const up = await dev('up');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('already up');
    expect(up.stdout).toContain('the dev container is stale');
    expect(up.stdout).toContain('slipway dev up --rebuild rebuilds and recreates it');

    // shell says so too (here with no terminal: the shell reads the end of its input and exits 0).
    const shell = await dev('shell');
    expect(shell.code).toBe(0);
    expect(shell.stderr).toContain(
      'slipway: the dev container is stale: the dev stage changed since its image was built',
    );

    const rebuilt = await dev('up', '--rebuild');
    expect(rebuilt.stderr).not.toMatch(/internal error/);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain('recreated and started');
    expect(rebuilt.stdout).not.toContain('seeded');
    const now = await container();
    expect(now.Id).not.toBe(old.Id);
    expect(now.Image).not.toBe(old.Image);
    expect((await status()).stale).toBe(false);
    expect((await dev('exec', '--', 'sh', '-c', 'echo $CHANGED; ls deps')).stdout).toBe(
      '1\nmade-inside\nmarker\n',
    );
    expect(await waitFor('the server', () => httpGet(port))).toBe('v2\n');
  });

  it('a lockfile change: status says so, and up --rebuild seeds the dependency volume afresh (data volumes stay)', async () => {
    expect((await dev('exec', '--', 'touch', '/data/keep-me')).code).toBe(0);
    writeFileSync(join(repo, 'deps.lock'), 'lock 2\n');
    const deps = (await status()).volumes.find((v) => v.role === 'dependencies');
    expect(deps?.lockfileChanged).toBe(true);
    const r = await dev('up', '--rebuild');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/made again \(the lockfile changed\): \S+-app-deps/);
    expect((await dev('exec', '--', 'ls', 'deps', '/data')).stdout).toBe(
      '/data:\nkeep-me\nwww\n\ndeps:\nmarker\n',
    );
  });

  it('down removes the container and nothing else; down --volumes its volumes too; the image stays', async () => {
    const { image: img } = await status();
    const down = await dev('down');
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(
      /^removed the dev container \S+\nkept its volumes \(--volumes removes them\): /,
    );
    expect((await checkoutResources(docker, checkout)).map((r) => r.split(' ')[0])).toEqual([
      'volume',
      'volume',
    ]);
    expect((await status()).state).toBe('absent');
    const gone = await dev('down', '--volumes');
    expect(gone.code).toBe(0);
    expect(gone.stdout).toMatch(/^no dev container \S+\nremoved its volumes: /);
    expect(await checkoutResources(docker, checkout)).toEqual([]);
    expect(img && (await docker.getImage(img.id).inspect()).Id).toBe(img?.id);
    expect(existsSync(join(repo, 'deps'))).toBe(true); // the mountpoint, made by slipway as the host user
  });
});
