import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutId } from '../../src/dev/index.js';
import { REPO, slipway } from '../helpers/cli.js';
import { checkoutResources, docker, freePort, removeCheckout, waitFor } from '../helpers/dev.js';

/**
 * `slipway dev` on this repository's own example (docker/Dockerfile's dev stage: Node 24, better-sqlite3
 * compiled in build), in a copy of the repository so the test's edits never touch the checkout. `dev up`
 * builds the dev stage only when no image has its fingerprint (after `slipway build`/`pipeline` it has).
 * The service runs in watch mode (dev.command in slipway.yaml: tsc --watch + node --watch): an edit of a
 * source file on the host restarts it, without a rebuild.
 */
describe("slipway dev on the example service (this repository's dev stage)", () => {
  let dir: string;
  let port: number;
  let checkout: string;
  const dev = (sub: string, ...args: string[]) => slipway(['dev', sub, '--cwd', dir, '--quiet', ...args]);
  const get = async (path: string) => {
    try {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(3000) });
      return { status: r.status, body: await r.text() };
    } catch {
      return null;
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-dev-example-'));
    for (const f of ['docker', 'package.json', '.dockerignore'])
      cpSync(join(REPO, f), join(dir, f), { recursive: true, force: true, errorOnExist: false });
    cpSync(join(REPO, 'example'), join(dir, 'example'), {
      recursive: true,
      filter: (src) => !/\/(node_modules|dist|\.test-build)(\/|$)/.test(src),
    });
    port = await freePort();
    // The repository's own dev settings, published on a free port of this host.
    writeFileSync(
      join(dir, 'slipway.yaml'),
      readFileSync(join(REPO, 'slipway.yaml'), 'utf8').replace(
        '  ports: [3000]',
        `  ports: ["${port}:3000"]`,
      ),
    );
    checkout = checkoutId(dir);
  }, 1_200_000);
  afterAll(async () => {
    await slipway(['dev', 'down', '--volumes', '--cwd', dir]);
    await removeCheckout(docker, checkout);
    rmSync(dir, { recursive: true, force: true });
  });

  it('up starts the service in watch mode as the host user, with node_modules from the image', async () => {
    const up = await dev('up');
    expect(up.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/created and started/);
    expect((await waitFor('the service', () => get('/healthz'), 90_000))?.status).toBe(200);

    // The database is on the dev data volume, writable by the host user.
    const made = await fetch(`http://127.0.0.1:${port}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'from slipway dev' }),
    });
    expect(made.status).toBe(201);
    // The native module compiled in the build stage, from the dependency volume.
    const native = await dev(
      'exec',
      '--',
      'node',
      '-e',
      "require('better-sqlite3'); console.log('native ok')",
    );
    expect(native.stdout.trim()).toBe('native ok');
    // What the compiler wrote into the mounted sources is the host user's, not root's.
    expect(statSync(join(dir, 'example/dist/main.js')).uid).toBe(process.getuid?.());
    const second = await dev('up');
    expect(second.stdout).toMatch(/already up\n$/);
  });

  it('an edit of a source file on the host restarts the service without a rebuild', async () => {
    const before = await docker.getContainer(`slipway-dev-slipway-example-${checkout.slice(0, 8)}`).inspect();
    const file = join(dir, 'example/src/app.ts');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("{ status: 'ok' }");
    writeFileSync(file, text.replace("{ status: 'ok' }", "{ status: 'ok', edited: true }"));
    const edited = await waitFor(
      'the restarted service',
      async () => {
        const r = await get('/healthz');
        return r?.body.includes('"edited":true') ? r : null;
      },
      90_000,
    );
    expect(JSON.parse(edited.body)).toEqual({ status: 'ok', edited: true });
    const logs = await dev('logs');
    expect(logs.stdout + logs.stderr).toMatch(/Restarting 'dist\/main.js'/);
    const after = await docker.getContainer(before.Id).inspect();
    expect([after.Image, after.State.StartedAt]).toEqual([before.Image, before.State.StartedAt]);
    const st = JSON.parse((await dev('status', '--format', 'json')).stdout) as { stale: boolean | null };
    expect(st.stale).toBe(false); // the sources are no input of the dev stage
  });

  it('down --volumes leaves nothing of it', async () => {
    expect((await dev('down', '--volumes')).code).toBe(0);
    expect(await checkoutResources(docker, checkout)).toEqual([]);
  });
});
