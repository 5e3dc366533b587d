import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/history/record.js';
import { slipway } from '../helpers/cli.js';
import { leftovers, removeImagesOf } from '../helpers/engine.js';
import { tinyRepo } from '../helpers/fixture-repo.js';

const BIN = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));

/** A tiny web server from busybox: stages `rootfs` → `site` → `serve`, nothing like the example's names. */
function webRepo(image: string, smoke: string, files: Record<string, string> = {}): string {
  return tinyRepo({
    Dockerfile: [
      'FROM scratch AS rootfs',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'FROM rootfs AS site',
      'COPY src/ /www/',
      'FROM rootfs AS serve',
      'COPY --from=site /www /www',
      'CMD ["/bin/busybox", "httpd", "-f", "-v", "-p", "8080", "-h", "/www"]',
      '',
    ].join('\n'),
    'src/a.txt': 'hello from a\n',
    'slipway.yaml': `image: ${image}\ndockerfile: Dockerfile\n${smoke}`,
    ...files,
  });
}

describe('slipway pipeline on another repository (busybox httpd)', () => {
  const image = `slipway-test-web-${process.pid}`;
  const dirs: string[] = [];
  afterAll(async () => {
    await removeImagesOf(image);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('builds every stage, smoke-runs the configured one on 127.0.0.1, and cleans up', async () => {
    const dir = webRepo(
      image,
      'smoke:\n  stage: serve\n  port: 8080\n  steps:\n    - request: GET /a.txt\n    - request: GET /missing\n      expect: 404\n',
    );
    dirs.push(dir);
    const r = await slipway(['pipeline', '--cwd', dir, '--quiet']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^serve\s+build\s+built/m);
    expect(r.stdout).toMatch(/ok\s+start\s+ready on 127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/ok\s+GET \/missing\s+404/);
    expect(await leftovers()).toEqual([]);
  });

  it('a failing smoke step fails the pipeline (exit 1) with the container log', async () => {
    const dir = webRepo(
      image,
      'smoke:\n  stage: serve\n  port: 8080\n  steps:\n    - request: GET /a.txt\n      expect: 201\n',
    );
    dirs.push(dir);
    const r = await slipway(['pipeline', '--cwd', dir, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL GET \/a\.txt\s+expected status 201, got 200/);
    expect(r.stdout).toContain('container log (last lines):');
    expect(r.stdout).toMatch(/FAILED in /);
    expect(await leftovers()).toEqual([]);
  });

  it('SIGINT during the smoke run removes its container and volume, exit 130', async () => {
    // The service listens on 8080, the config waits for 9999: the run sits in its readiness loop.
    const dir = webRepo(image, 'smoke:\n  stage: serve\n  port: 9999\n  volume: /data\n  timeout: 120\n');
    dirs.push(dir);
    const child = spawn(process.execPath, [BIN, 'pipeline', '--cwd', dir, '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never reached the smoke run:\n${stderr}`)), 120_000);
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        if (stderr.includes('smoke-running')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Let it create the volume and start the container before interrupting (30 s at most).
    for (let i = 0; i < 60 && !(await leftovers()).length; i++) await new Promise((r) => setTimeout(r, 500));
    expect((await leftovers()).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain("SIGINT: removing this run's containers and volumes");
    expect(await leftovers()).toEqual([]);
  });

  it('does only what a change needs: a second run nothing, a source change what reads it, --force everything', async () => {
    // Content of its own, so no image of another test has these fingerprints.
    const marker = `hello ${process.pid} ${Date.now()}\n`;
    const dir = webRepo(
      image,
      'smoke:\n  stage: serve\n  port: 8080\n  steps:\n    - request: GET /a.txt\n',
      {
        'src/a.txt': marker,
        'docker/goss.serve.yaml': 'file:\n  /www/a.txt: { exists: true }\n',
      },
    );
    dirs.push(dir);
    const first = await slipway(['pipeline', '--cwd', dir, '--quiet']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // rootfs reads nothing of this repository's own: an earlier test's image of it may have its fingerprint.
    expect(first.stdout).toMatch(/^rootfs\s+(build\s+built|skip\s+cached)/m);
    for (const s of ['site', 'serve'])
      expect(first.stdout).toMatch(new RegExp(`^${s}\\s+build\\s+built`, 'm'));
    expect(first.stdout).toMatch(/^serve\s+build\s+built.*ok 1 checks/m);
    expect(first.stdout).toMatch(/ok\s+GET \/a\.txt\s+200/);

    const again = await slipway(['pipeline', '--cwd', dir, '--quiet']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    for (const s of ['rootfs', 'site', 'serve'])
      expect(again.stdout).toMatch(new RegExp(`^${s}\\s+skip\\s+cached`, 'm'));
    expect(again.stdout).toMatch(/^serve\s+skip\s+cached\s+green before/m);
    expect(again.stderr).not.toContain('building stage');
    expect(again.stderr).not.toContain('testing ');
    expect(again.stdout).toContain('smoke run of serve: passed before for this image (not run again)');

    writeFileSync(join(dir, 'src/a.txt'), `${marker}changed\n`);
    const changed = await slipway(['pipeline', '--cwd', dir, '--quiet']);
    expect(changed.code, changed.stdout + changed.stderr).toBe(0);
    expect(changed.stdout).toMatch(/^rootfs\s+skip\s+cached/m);
    expect(changed.stdout).toMatch(/^site\s+build\s+built/m);
    expect(changed.stdout).toMatch(/^serve\s+build\s+built/m);
    expect(changed.stdout).toMatch(/ok\s+GET \/a\.txt\s+200/);

    const junit = join(dir, 'junit');
    const forced = await slipway(['pipeline', '--cwd', dir, '--quiet', '--force', '--junit-dir', junit]);
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    for (const s of ['rootfs', 'site', 'serve'])
      expect(forced.stdout).toMatch(new RegExp(`^${s}\\s+build\\s+built`, 'm'));
    expect(readFileSync(join(junit, 'serve.xml'), 'utf8')).toMatch(/<testsuite name="serve"[^>]* tests="1"/);

    // One record per run, newest last, with each stage's action, fingerprint and outcome.
    const runs = readdirSync(join(dir, '.slipway', 'runs'))
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(runs).toHaveLength(4);
    const last = JSON.parse(
      readFileSync(join(dir, '.slipway', 'runs', runs[3] as string), 'utf8'),
    ) as RunRecord;
    expect(last).toMatchObject({ schema: 1, kind: 'pipeline', ok: true });
    expect(last.stages.map((s) => [s.name, s.action, s.build.status, s.test.status])).toEqual([
      ['rootfs', 'build', 'built', 'none'],
      ['site', 'build', 'built', 'none'],
      ['serve', 'build', 'built', 'passed'],
    ]);
    expect(last.stages.every((s) => /^sha256:[0-9a-f]{64}$/.test(s.fingerprint))).toBe(true);
    expect(await leftovers()).toEqual([]);
  });

  it('a failing branch skips what depends on it; --keep-going finishes the other branches', async () => {
    const dir = tinyRepo({
      Dockerfile: [
        'FROM scratch AS rootfs',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'FROM rootfs AS bad',
        `RUN echo ${process.pid} && exit 3`,
        'FROM bad AS after-bad',
        'RUN true',
        'FROM rootfs AS good',
        `RUN echo ${process.pid}-good > /good`,
        '',
      ].join('\n'),
      'slipway.yaml': `image: ${image}-branches\ndockerfile: Dockerfile\n`,
    });
    dirs.push(dir);
    const r = await slipway(['pipeline', '--cwd', dir, '--quiet', '--keep-going']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^bad\s+build\s+FAILED/m);
    expect(r.stdout).toMatch(/^after-bad\s+skip\s+skipped.*bad failed/m);
    expect(r.stdout).toMatch(/^good\s+build\s+built/m);
    expect(r.stdout).toMatch(/stage bad failed at/);
    await removeImagesOf(`${image}-branches`);
    expect(await leftovers()).toEqual([]);
  });

  it('a stage that grows past its size budget fails the pipeline, naming the layers that grew most', async () => {
    const dir = webRepo(image, 'budgets:\n  serve: { maxSize: 50MB, maxGrowth: 5% }\n', {
      'src/a.txt': `budget ${process.pid} ${Date.now()}\n`,
    });
    dirs.push(dir);
    const first = await slipway(['pipeline', '--cwd', dir, '--quiet']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // 1 MB more in the site the serve stage copies: far over 5% of a 2 MB image.
    writeFileSync(join(dir, 'src/big.bin'), randomBytes(1_000_000));
    const grown = await slipway(['pipeline', '--cwd', dir, '--quiet']);
    expect(grown.code).toBe(1);
    expect(grown.stdout).toMatch(
      /budget exceeded: stage serve grew [\d.]+% since run \S+ \(2\.0 MB → 3\.0 MB, \+1\.0 MB\), over its budget maxGrowth 5%/,
    );
    expect(grown.stdout).toMatch(/layers that grew most: COPY \/www \/www \(\+1\.0 MB, now 1\.0 MB\)/);
    expect(grown.stdout).toMatch(/FAILED in /);
    expect(await leftovers()).toEqual([]);
  });
});
