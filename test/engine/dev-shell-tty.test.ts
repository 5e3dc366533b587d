import { spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutId } from '../../src/dev/index.js';
import type { CliResult } from '../helpers/cli.js';
import { checkoutResources, devRepo, docker, freePort, removeCheckout } from '../helpers/dev.js';
import { removeImagesOf } from '../helpers/engine.js';
import { engineUser, type TestUser } from '../helpers/engine-user.js';
import { Tmux } from '../helpers/tmux.js';

const BIN = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isDirectory()) chownTree(join(dir, e.name), uid, gid);
    else chownSync(join(dir, e.name), uid, gid);
}

/**
 * `slipway dev shell` through a real terminal (tmux), run by a non-root user allowed to use the engine —
 * as root, "files made inside are the host user's" could not fail. It types commands, checks what they
 * made on the host and whose it is, resizes the terminal, and exits with a code.
 */
describe('slipway dev shell in a real terminal, as a non-root user', () => {
  const image = `slipway-test-devtty-${process.pid}`;
  let user: TestUser;
  let repo: string;
  let home: string;
  let tmux: Tmux;

  /** slipway as the test user (runuser when the tests run as root). */
  const asUser = (args: string[]): Promise<CliResult> =>
    new Promise((done) => {
      const argv = ['env', `HOME=${home}`, process.execPath, BIN, ...args];
      const child = user.name
        ? spawn('runuser', ['-u', user.name, '--', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
    });

  beforeAll(async () => {
    user = engineUser();
    repo = devRepo({ image, port: await freePort() });
    home = mkdtempSync(join(tmpdir(), 'slipway-home-'));
    chownTree(repo, user.uid, user.gid);
    chownTree(home, user.uid, user.gid);
    tmux = new Tmux(user.name);
  });
  afterAll(async () => {
    tmux?.close();
    if (repo) {
      await asUser(['dev', 'down', '--volumes', '--cwd', repo]);
      await removeCheckout(docker, checkoutId(repo));
      rmSync(repo, { recursive: true, force: true });
    }
    if (home) rmSync(home, { recursive: true, force: true });
    await removeImagesOf(image);
  });

  it('runs commands as the host user, files made inside are that user’s on the host, resizes, exits with the code', async () => {
    expect(user.uid).not.toBe(0);
    const up = await asUser(['dev', 'up', '--cwd', repo, '--quiet']);
    expect(up.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(up.code).toBe(0);
    // The mountpoint of the dependency volume inside the workspace: made by slipway as the user, not by Docker as root.
    expect(statSync(join(repo, 'deps')).uid).toBe(user.uid);

    tmux.start(`${process.execPath} ${BIN} dev shell --cwd ${repo}`, {
      cols: 100,
      rows: 30,
      env: { HOME: home },
    });
    tmux.type('echo "id=$(id -u):$(id -g) home=$HOME"; touch ~/.written && echo HOME-$((1+1))');
    const screen = await tmux.waitFor(/HOME-2/);
    expect(screen).toContain(`id=${user.uid}:${user.gid} home=/home/slipway`);

    tmux.type(
      'touch made-in-shell && mkdir -p out/deeper && echo x > out/deeper/file && touch deps/new-dep && echo MADE-$((2+2))',
    );
    await tmux.waitFor(/MADE-4/);
    for (const f of ['made-in-shell', 'out', 'out/deeper', 'out/deeper/file']) {
      const st = statSync(join(repo, f));
      expect([f, st.uid, st.gid]).toEqual([f, user.uid, user.gid]);
    }

    const { cols, rows } = tmux.size();
    tmux.type('stty size; echo SIZE-$((3+3))');
    expect(await tmux.waitFor(/SIZE-6/)).toContain(`${rows} ${cols}`);
    tmux.resize(72, 20);
    // The new size travels tmux → SIGWINCH → the CLI → the engine's resize call → the container's terminal,
    // beside the typed line: asked again (a new marker each time) until it has arrived, 10 s at most.
    let seen = '';
    for (let i = 0; i < 20 && !seen.includes('20 72'); i++) {
      tmux.type(`stty size; echo SIZE-$((${i}+100))`);
      const screen = await tmux.waitFor(new RegExp(`SIZE-${i + 100}`));
      seen = screen.slice(screen.lastIndexOf(`stty size; echo SIZE-$((${i}+100))`));
      if (!seen.includes('20 72')) await new Promise((r) => setTimeout(r, 500));
    }
    expect(tmux.size()).toEqual({ cols: 72, rows: 20 });
    expect(seen).toContain('20 72');

    tmux.type('exit 7');
    await tmux.waitFor(/\[exited with 7\]/);
    // The container stays up after the shell: it is the long-lived one.
    const st = await asUser(['dev', 'status', '--cwd', repo, '--format', 'json']);
    expect(JSON.parse(st.stdout).state).toBe('running');

    const down = await asUser(['dev', 'down', '--volumes', '--cwd', repo]);
    expect(down.code).toBe(0);
    expect(await checkoutResources(docker, checkoutId(repo))).toEqual([]);
  });
});
