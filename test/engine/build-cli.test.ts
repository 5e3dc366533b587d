import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demuxLogs } from '../../src/engine/logs.js';
import { slipway } from '../helpers/cli.js';
import { removeImagesOf } from '../helpers/engine.js';
import { tinyRepo } from '../helpers/fixture-repo.js';

/** `slipway build` against a second, tiny repository whose stages are named toolchain/compile/shipit. */
describe('slipway build (tiny fixture repository, real BuildKit)', () => {
  const docker = new Docker();
  let repo: string;
  const image = `slipway-test-tiny-${process.pid}`;

  beforeAll(() => {
    repo = tinyRepo({ 'slipway.yaml': `dockerfile: Dockerfile\nimage: ${image}\n` });
  });
  afterAll(async () => {
    await removeImagesOf(image);
    await removeImagesOf(`${image}-bad`);
    rmSync(repo, { recursive: true, force: true });
  });

  it('builds every stage with --all, tags <image>:<stage>, labels and reports durations and sizes', async () => {
    const r = await slipway(['build', '--all', '--cwd', repo, '--quiet']);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^STAGE\s+STATUS\s+TIME\s+SIZE/m);
    for (const s of ['toolchain', 'compile', 'shipit'])
      expect(r.stdout).toMatch(
        new RegExp(`^${s}\\s+built\\s+\\d+\\.\\ds\\s+\\d+\\.\\d MB\\s+\\d+/\\d+\\s+${image}:${s}$`, 'm'),
      );
    const info = await docker.getImage(`${image}:shipit`).inspect();
    expect(info.Config.Labels).toMatchObject({
      'dev.slipway.stage': 'shipit',
      'org.opencontainers.image.title': `${image} (shipit)`,
    });
    expect(info.Config.Labels?.['org.opencontainers.image.created']).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The release-like stage has only what was copied across: busybox and the artefact.
    const out = await run(`${image}:shipit`);
    expect(out).toBe('hello from a\n');
  });

  it('a warm rebuild runs no step again; a source change reruns only what depends on it', async () => {
    const warm = await slipway(['build', '--all', '--cwd', repo, '--format', 'json', '--quiet']);
    expect(warm.code).toBe(0);
    const report = JSON.parse(warm.stdout) as { stages: { stage: string; executed: string[] }[] };
    expect(report.stages.map((s) => [s.stage, s.executed])).toEqual([
      ['toolchain', []],
      ['compile', []],
      ['shipit', []],
    ]);

    // BuildKit's cache is content-addressed across directories: make the change unique to this run.
    const line = `and b ${process.pid} ${Date.now()}\n`;
    writeFileSync(join(repo, 'src/b.txt'), line);
    const changed = JSON.parse(
      (await slipway(['build', '--all', '--cwd', repo, '--format', 'json', '--quiet'])).stdout,
    ) as typeof report;
    const ran = Object.fromEntries(changed.stages.map((s) => [s.stage, s.executed.length > 0]));
    expect(ran).toEqual({ toolchain: false, compile: true, shipit: true });
    expect(await run(`${image}:shipit`)).toBe(`hello from a\n${line}`);
  });

  it('builds only the named stages, names case-insensitive', async () => {
    const r = await slipway(['build', 'COMPILE', '--cwd', repo, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^compile\s+built/m);
    expect(r.stdout).not.toMatch(/^shipit/m);
  });

  it('an unknown stage is exit 2, listing the known ones', async () => {
    const r = await slipway(['build', 'release', '--cwd', repo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("slipway: error: unknown stage 'release'");
    expect(r.stderr).toContain('stages in Dockerfile: toolchain, compile, shipit');
    expect(r.stdout).toBe('');
  });

  it('a failing step is exit 1 with the step and the tail of its log; later stages are skipped', async () => {
    const bad = tinyRepo({
      'slipway.yaml': `image: ${image}-bad\ndockerfile: Dockerfile\n`,
      Dockerfile:
        'FROM scratch AS one\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "echo compiling; echo boom >&2; exit 3"]\nFROM one AS two\n',
    });
    try {
      const r = await slipway(['build', '--all', '--cwd', bad, '--quiet']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^one\s+failed/m);
      expect(r.stdout).toMatch(/^two\s+skipped/m);
      expect(r.stdout).toContain(
        'stage one failed at [one 2/2] RUN ["/bin/busybox", "sh", "-c", "echo compiling; echo boom >&2; exit 3"]',
      );
      expect(r.stdout).toMatch(/exit code: 3/);
      expect(r.stdout).toContain('  | compiling');
      expect(r.stdout).toContain('  | boom');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('a missing Dockerfile, a bad Dockerfile and a bad config are located errors, exit 2', async () => {
    const dir = tinyRepo({ 'slipway.yaml': 'dockerfile: nope/Dockerfile\n' });
    try {
      let r = await slipway(['build', '--cwd', dir]);
      expect([r.code, r.stderr]).toEqual([
        2,
        expect.stringContaining('Dockerfile not found: nope/Dockerfile'),
      ]);
      writeFileSync(join(dir, 'slipway.yaml'), 'image: x\nstages: [a]\n');
      r = await slipway(['build', '--cwd', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${join(dir, 'slipway.yaml')}:2:1: error CFG001 unknown setting 'stages'`);
      writeFileSync(join(dir, 'slipway.yaml'), 'image: x\ndockerfile: Dockerfile\n');
      writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch AS a\nFROM scratch AS a\n');
      r = await slipway(['build', '--cwd', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Dockerfile:2:17: error DF005 duplicate stage name');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unreachable engine is exit 3 with what to do, never a stack trace', async () => {
    const r = await slipway(['build', '--all', '--cwd', repo], {
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the Docker engine is unreachable \(unix:\/\/\/nonexistent\/docker.sock\)/);
    expect(r.stderr).toMatch(/hint: start it/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an external image that is neither local, pullable nor makeable is a clear error', async () => {
    const dir = tinyRepo({
      'slipway.yaml': 'image: x\ndockerfile: Dockerfile\n',
      Dockerfile: 'FROM ghcr.io/acme/unknown:1.0 AS a\n',
    });
    try {
      const r = await slipway(['build', '--cwd', dir]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        "image 'ghcr.io/acme/unknown:1.0' is not present locally and cannot be pulled",
      );
      expect(r.stderr).toMatch(/hint: load it \(docker load -i image.tar\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  async function run(ref: string): Promise<string> {
    const c = await docker.createContainer({ Image: ref, Labels: { 'dev.slipway.managed': 'true' } });
    try {
      await c.start();
      await c.wait();
      const buf = (await c.logs({ stdout: true })) as unknown as Buffer;
      return demuxLogs(buf).stdout;
    } finally {
      await c.remove({ force: true, v: true });
    }
  }
});
