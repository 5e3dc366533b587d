import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutId } from '../../src/dev/index.js';
import { slipway } from '../helpers/cli.js';
import { checkoutResources, devRepo, docker, freePort, removeCheckout } from '../helpers/dev.js';
import { importBusybox, removeImagesOf } from '../helpers/engine.js';

/** What goes wrong around `slipway dev`: clear messages, and nothing slipway did not make is touched. */
describe('slipway dev: bad input and a busy engine (tiny repositories, real engine)', () => {
  const image = `slipway-test-deverr-${process.pid}`;
  const repos: string[] = [];
  const repo = async (o: { name?: string; command?: string; port?: number } = {}) => {
    const r = devRepo({ image, port: o.port ?? (await freePort()), ...o });
    repos.push(r);
    return r;
  };
  const dev = (dir: string, sub: string, ...args: string[]) =>
    slipway(['dev', sub, '--cwd', dir, '--quiet', ...args]);

  afterAll(async () => {
    for (const r of repos) {
      await slipway(['dev', 'down', '--volumes', '--cwd', r]);
      await removeCheckout(docker, checkoutId(r));
      rmSync(r, { recursive: true, force: true });
    }
    await removeImagesOf(image);
  });

  it('a port taken on 127.0.0.1: says which and what to do, exit 3, and creates nothing', async () => {
    const holder: Server = createServer();
    const port = await new Promise<number>((done) =>
      holder.listen(0, '127.0.0.1', () => done((holder.address() as { port: number }).port)),
    );
    try {
      const dir = await repo({ port });
      const r = await dev(dir, 'up');
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        `slipway: error: port ${port}/tcp on 127.0.0.1 is taken by another process: the dev container publishes its port 8080 there`,
      );
      expect(r.stderr).toContain(
        `hint: stop what holds it, or publish on another host port: 'dev: { ports: ["${port + 1}:8080"] }'`,
      );
      expect(await checkoutResources(docker, checkoutId(dir))).toEqual([]);
      expect(r.stderr).not.toContain('building stage'); // found before anything is built
    } finally {
      holder.close();
    }
  });

  it('the port taken by another dev container: names it', async () => {
    const port = await freePort();
    const a = await repo({ port });
    const b = await repo({ port });
    expect((await dev(a, 'up')).code).toBe(0);
    const r = await dev(b, 'up');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `port ${port}/tcp on 127.0.0.1 is taken by the container 'slipway-dev-${image}-${checkoutId(a).slice(0, 8)}'`,
    );
    expect(await checkoutResources(docker, checkoutId(b))).toEqual([]);
    expect((await dev(a, 'down', '--volumes')).code).toBe(0);
  });

  it('the same name from another checkout: up and down there refuse, and the first checkout keeps its container', async () => {
    const name = `slipway-test-samename-${process.pid}`;
    const a = await repo({ name });
    const b = await repo({ name });
    expect((await dev(a, 'up')).code).toBe(0);
    const before = await docker.getContainer(name).inspect();
    for (const sub of ['up', 'down', 'shell']) {
      const r = await dev(b, sub);
      expect(r.code, sub).toBe(2);
      expect(r.stderr).toContain(
        `slipway: error: the dev container '${name}' belongs to another checkout (${a}); it is left alone`,
      );
      expect(r.stderr).toContain(`hint: run 'slipway dev down' in ${a}, or give this checkout its own name`);
    }
    const after = await docker.getContainer(name).inspect();
    expect([after.Id, after.State.Running, after.State.StartedAt]).toEqual([
      before.Id,
      true,
      before.State.StartedAt,
    ]);
    expect(await checkoutResources(docker, checkoutId(b))).toEqual([]);
    expect((await dev(a, 'down', '--volumes')).code).toBe(0);
    expect(await checkoutResources(docker, checkoutId(a))).toEqual([]);
  });

  describe('a container of that name that slipway did not make', () => {
    const tag = `slipway-test-foreign-${process.pid}:1`;
    const name = `slipway-test-foreign-${process.pid}`;
    beforeAll(async () => {
      await importBusybox(tag);
      await docker.createContainer({ name, Image: tag, Cmd: ['/busybox', 'true'] });
    });
    afterAll(async () => {
      await docker
        .getContainer(name)
        .remove({ force: true })
        .catch(() => undefined);
      await docker
        .getImage(tag)
        .remove()
        .catch(() => undefined);
    });

    it('up and down refuse and leave it as it was', async () => {
      const dir = await repo({ name });
      const before = await docker.getContainer(name).inspect();
      for (const sub of ['up', 'down', 'status']) {
        const r = await dev(dir, sub);
        expect(r.code, sub).toBe(2);
        expect(r.stderr).toContain(
          `slipway: error: a container named '${name}' exists and was not made by slipway dev; it is left alone`,
        );
      }
      const after = await docker.getContainer(name).inspect();
      expect(after.Id).toBe(before.Id);
      expect(await checkoutResources(docker, checkoutId(dir))).toEqual([]);
    });
  });

  it('a volume of a dev volume name that slipway did not make: refused before anything is built or made', async () => {
    const dir = await repo();
    const name = `slipway-dev-${image}-${checkoutId(dir).slice(0, 8)}-data`;
    await docker.createVolume({ Name: name });
    try {
      const r = await dev(dir, 'up');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `slipway: error: a volume named '${name}' exists and was not made by slipway dev; it is left alone`,
      );
      expect(r.stderr).not.toContain('building stage');
      expect(await checkoutResources(docker, checkoutId(dir))).toEqual([]);
      expect((await docker.getVolume(name).inspect()).Name).toBe(name);
    } finally {
      await docker
        .getVolume(name)
        .remove()
        .catch(() => undefined);
    }
  });

  it('a command that stops at once: its exit code and last lines, exit 1; status and shell say it stopped; down removes it', async () => {
    const dir = await repo({ command: 'echo "cannot start: no such thing" >&2; exit 3' });
    const r = await dev(dir, 'up');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /slipway: the dev container \S+ stopped at once \(exit code 3\); its last lines:\n {2}\| cannot start: no such thing/,
    );
    const st = await dev(dir, 'status');
    expect(st.stdout).toMatch(/container\s+\S+: exited \(exit code 3\)/);
    const shell = await dev(dir, 'shell');
    expect(shell.code).toBe(2);
    expect(shell.stderr).toMatch(/the dev container \S+ is not running \(exited\)/);
    expect((await dev(dir, 'down', '--volumes')).code).toBe(0);
    expect(await checkoutResources(docker, checkoutId(dir))).toEqual([]);
  });

  it('shell, exec and logs before up: say how to start it', async () => {
    const dir = await repo();
    for (const [sub, ...rest] of [['shell'], ['logs'], ['exec', '--', 'true']] as const) {
      const r = await dev(dir, sub, ...rest);
      expect(r.code, sub).toBe(2);
      expect(r.stderr).toMatch(
        /slipway: error: no dev container for this checkout \(\S+\)\n {2}hint: slipway dev up starts it/,
      );
    }
    const down = await dev(dir, 'down');
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/^no dev container \S+\n$/);
  });
});
