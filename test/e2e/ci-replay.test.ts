import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverBuildClient } from '../../src/engine/client.js';
import type { RunRecord } from '../../src/history/record.js';
import { REPO } from '../helpers/cli.js';
import { docker, leftovers } from '../helpers/engine.js';
import { type JobRun, replayWorkflow } from '../helpers/github-replay.js';
import { registryTags, startRegistry, type TestRegistry } from '../helpers/registry.js';

const STAGES = ['base', 'build', 'dev', 'project', 'ci', 'release'];

/**
 * This repository's generated GitHub workflow, played job by job on this machine against a real registry
 * (Debian's docker-registry on 127.0.0.1). After every job the engine is cleared as a fresh CI runner would
 * start: every image of the project and BuildKit's whole cache (`docker builder prune -af`) go; only the
 * external base image stays (a runner pulls it unchanged). The registry alone carries images and build
 * cache from job to job.
 */
describe('the generated CI, replayed locally with a real registry', () => {
  const image = `slipway-replay-${process.pid}`;
  let registry: TestRegistry;
  let repo: string;
  let workflow: string;
  let buildkit: string;
  const records = new Map<string, RunRecord>();
  const git = (...a: string[]) =>
    execFileSync('git', ['-c', 'user.name=replay', '-c', 'user.email=replay@example.com', ...a], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();

  /** What a fresh runner would not have: the project's images, the registry's images pulled, the build cache. */
  const freshRunner = async (job: JobRun) => {
    const file = join(repo, '.slipway', 'records', `${job.id}.json`);
    if (existsSync(file)) records.set(job.id, JSON.parse(readFileSync(file, 'utf8')) as RunRecord);
    for (const i of await docker.listImages())
      for (const t of i.RepoTags ?? [])
        if (t.startsWith(`${image}:`) || t.startsWith(`${registry.host}/`))
          await docker
            .getImage(t)
            .remove({ force: true })
            .catch(() => undefined);
    // The engine's BuildKit refused this prune once in a full-suite CI run (its stderr was not kept then;
    // moby/moby#40480 reports prunes failing right after image deletes): asked again after a pause, and a
    // last failure carries its stderr.
    for (let attempt = 1; ; attempt++)
      try {
        execFileSync(buildkit, ['builder', 'prune', '-af'], {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, DOCKER_BUILDKIT: '1' },
        });
        return;
      } catch (e) {
        if (attempt === 3) throw e;
        await new Promise((r) => setTimeout(r, 2000 * attempt));
      }
  };

  const play = (sha: string, before: string) =>
    replayWorkflow(workflow, {
      cwd: repo,
      repository: 'acme/replay',
      event: { name: 'push', ref: 'refs/heads/main', sha, payload: { before, after: sha } },
      afterJob: freshRunner,
    });

  beforeAll(async () => {
    buildkit = (await discoverBuildClient()).bin;
    registry = await startRegistry();
    // A copy of this repository as a CI checkout: its own git history, the CLI and its dependencies linked in.
    repo = mkdtempSync(join(tmpdir(), 'slipway-replay-'));
    for (const f of execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean))
      if (existsSync(join(REPO, f))) cpSync(join(REPO, f), join(repo, f), { recursive: true });
    symlinkSync(join(REPO, 'node_modules'), join(repo, 'node_modules'));
    symlinkSync(join(REPO, 'dist'), join(repo, 'dist'));
    const config = readFileSync(join(repo, 'slipway.yaml'), 'utf8')
      .replace(/^image: .*$/m, `image: ${image}`)
      .replace(/^ci:\n/m, `ci:\n  registry: ${registry.host}/replay\n`);
    writeFileSync(join(repo, 'slipway.yaml'), config);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'first');
    workflow = execFileSync(process.execPath, [join(repo, 'bin/slipway.js'), 'ci', 'github', '--out', '-'], {
      cwd: repo,
      encoding: 'utf8',
    });
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    for (const i of await docker.listImages())
      for (const t of i.RepoTags ?? [])
        if (t.startsWith(`${image}:`) || (registry && t.startsWith(`${registry.host}/`)))
          await docker
            .getImage(t)
            .remove({ force: true })
            .catch(() => undefined);
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('a first push to main: every stage built and tested once, the native module compiled once, the release published', async () => {
    const sha = git('rev-parse', 'HEAD');
    const jobs = await play(sha, '0'.repeat(40));
    const status = Object.fromEntries([...jobs].map(([id, j]) => [id, j.status]));
    expect(
      status,
      // Each step's end (where a failure says why), not the first kilobytes of a long build log.
      JSON.stringify(
        [...jobs.values()].map((j) => j.steps.map((s) => ({ ...s, stderr: s.stderr.slice(-1200) }))),
        null,
        1,
      ),
    ).toEqual({
      plan: 'success',
      base: 'success',
      build: 'success',
      dev: 'success',
      project: 'success',
      ci: 'success',
      release: 'success',
      publish: 'success',
      report: 'success',
    });
    expect(JSON.parse(jobs.get('plan')?.outputs.stages ?? '[]')).toEqual(STAGES);
    for (const s of STAGES) {
      const r = records.get(s)?.stages[0];
      expect(r?.build.status, s).toBe('built');
      expect(r?.test.status, s).toBe('passed');
      expect(r?.shipped?.digest, s).toMatch(/^sha256:/);
    }
    // Each job stands on what the jobs before it pushed: its dependencies' images are its build cache.
    const stderr = (id: string) =>
      jobs
        .get(id)
        ?.steps.map((s) => s.stderr)
        .join('\n') ?? '';
    expect(stderr('build')).toMatch(new RegExp(`build cache from .*${registry.host}/replay:base-fp-`));
    expect(stderr('release')).toMatch(/build cache from .*replay:ci-fp-/);
    // The native module is compiled in the build job only: later jobs take build's steps from the registry.
    const compiles = (s: string) =>
      (records.get(s)?.stages[0]?.build.ran ?? []).filter((n) => /npm ci|build:native/.test(n));
    expect(compiles('build').length).toBeGreaterThan(0);
    for (const s of ['dev', 'project', 'ci', 'release']) expect(compiles(s), s).toEqual([]);
    // The smoke run belongs to the release job.
    expect(records.get('release')?.smoke?.ok).toBe(true);
    // Published: the commit's tag resolves to the digest publish printed.
    const printed = jobs.get('publish')?.steps.at(-1)?.stdout.trim() ?? '';
    expect(printed).toMatch(new RegExp(`^${registry.host}/replay@sha256:[0-9a-f]{64}$`));
    execFileSync('docker', ['pull', '-q', `${registry.host}/replay:${sha}`], { stdio: 'ignore' });
    const pulled = await docker.getImage(`${registry.host}/replay:${sha}`).inspect();
    expect(pulled.RepoDigests).toContain(printed);
    expect(await registryTags(registry.host, 'replay')).toEqual(expect.arrayContaining([sha, 'main']));
    // The report job's summary: the run as a reviewer reads it, from the records the jobs carried.
    const summary = jobs.get('report')?.summary ?? '';
    expect(summary).toMatch(/slipway pipeline: PASSED/);
    for (const s of STAGES) expect(summary).toContain(s);
    expect(await leftovers()).toEqual([]);
  }, 1_800_000);

  it('after one example source change the plan selects ci and release only; nothing is compiled again', async () => {
    const before = git('rev-parse', 'HEAD');
    appendFileSync(join(repo, 'example/src/app.ts'), '\n// a change the replay makes\n');
    git('commit', '-qam', 'change the example');
    const sha = git('rev-parse', 'HEAD');
    records.clear();
    const jobs = await play(sha, before);
    expect(JSON.parse(jobs.get('plan')?.outputs.stages ?? '[]')).toEqual(['ci', 'release']);
    for (const s of ['base', 'build', 'dev', 'project']) expect(jobs.get(s)?.status, s).toBe('skipped');
    for (const s of ['ci', 'release', 'publish']) expect(jobs.get(s)?.status, s).toBe('success');
    expect(records.get('ci')?.stages[0]?.build.status).toBe('built');
    expect(
      (records.get('ci')?.stages[0]?.build.ran ?? []).filter((n) => /npm ci|build:native/.test(n)),
    ).toEqual([]);
    expect(await leftovers()).toEqual([]);
  }, 1_800_000);

  it('a read-only registry (a fork’s token) refuses the push clearly: exit 3, nothing half-published', async () => {
    await registry.restart({ readonly: true });
    try {
      const tags = await registryTags(registry.host, 'replay');
      appendFileSync(join(repo, 'example/src/app.ts'), '\n// one more change\n');
      git('commit', '-qam', 'another change');
      const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
        const c = spawn(
          process.execPath,
          ['bin/slipway.js', 'ci', 'job', 'ci', '--provider', 'github', '--action', 'build', '-q'],
          {
            cwd: repo,
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, SLIPWAY_REGISTRY: `${registry.host}/replay` },
          },
        );
        let stderr = '';
        c.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        c.on('close', (code: number | null) => resolve({ code: code ?? 1, stderr }));
      });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/cannot push .*replay:ci-fp-/);
      expect(r.stderr).toMatch(/hint: the registry refused/);
      expect(await registryTags(registry.host, 'replay')).toEqual(tags);
      expect(await leftovers()).toEqual([]);
    } finally {
      await registry.restart({ readonly: false });
    }
  }, 900_000);
});
