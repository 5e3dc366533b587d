import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { leftovers, removeImagesOf } from '../helpers/engine.js';
import { tinyRepo } from '../helpers/fixture-repo.js';

const BIN = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));

/** A tiny web server from busybox: stages `rootfs` → `site` → `serve`, nothing like the example's names. */
function webRepo(image: string, smoke: string): string {
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
    expect(r.stdout).toMatch(/^serve\s+built/m);
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
    // Let it create the volume and start the container before interrupting.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await leftovers()).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain("SIGINT: removing this run's containers and volumes");
    expect(await leftovers()).toEqual([]);
  });
});
