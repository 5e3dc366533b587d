import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

const repo = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-ci-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

describe('slipway ci github|circleci (CLI, no engine)', () => {
  it("this repository's committed CI is up to date (--check)", async () => {
    for (const sub of ['github', 'circleci']) {
      const r = await slipway(['ci', sub, '--check']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toMatch(/: up to date\n$/);
    }
  });

  it('writes the default file, then --check fails with the first difference and how to regenerate', async () => {
    const dir = repo({ Dockerfile: 'FROM alpine:3.20 AS base\nFROM base AS app\n' });
    const w = await slipway(['ci', 'github', '--cwd', dir]);
    expect([w.code, w.stdout.trim()]).toEqual([0, 'wrote .github/workflows/slipway.yml']);
    const file = join(dir, '.github/workflows/slipway.yml');
    expect(Object.keys(parse(readFileSync(file, 'utf8')).jobs)).toEqual([
      'plan',
      'base',
      'app',
      'publish',
      'report',
    ]);
    expect((await slipway(['ci', 'github', '--check', '--cwd', dir])).code).toBe(0);

    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20 AS base\nFROM base AS web\n');
    const c = await slipway(['ci', 'github', '--check', '--cwd', dir]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(
      /^slipway: error: \.github\/workflows\/slipway\.yml is out of date: line \d+ is /m,
    );
    expect(c.stderr).toContain('hint: run `slipway ci github` and commit the result');
    expect(c.stderr).not.toMatch(/\n\s+at /);

    const missing = await slipway(['ci', 'circleci', '--check', '--cwd', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('.circleci/config.yml does not exist');
  });

  it('--out - prints it; --out FILE writes there', async () => {
    const dir = repo({ Dockerfile: 'FROM alpine:3.20 AS only\n' });
    const p = await slipway(['ci', 'circleci', '--out', '-', '--cwd', dir]);
    expect(p.code).toBe(0);
    expect(parse(p.stdout)).toMatchObject({ version: 2.1, setup: true });
    const o = await slipway(['ci', 'circleci', '--out', 'ci.yml', '--cwd', dir]);
    expect([o.code, o.stdout.trim()]).toEqual([0, 'wrote ci.yml']);
    expect(readFileSync(join(dir, 'ci.yml'), 'utf8')).toBe(p.stdout);
  });

  it('lists the subcommands that exist; unknown ones and bad settings are usage errors', async () => {
    const h = await slipway(['ci', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^ {2}github +write the GitHub Actions workflow/m);
    expect(h.stdout).toMatch(/^ {2}circleci +write the CircleCI setup config/m);
    expect(h.stdout).toMatch(/^ {2}plan +the plan for this CI event/m);
    expect(h.stdout).toMatch(/^ {2}job +one stage/m);
    expect((await slipway(['--help'])).stdout).toMatch(/^ {2}ci +generate the CI/m);
    const u = await slipway(['ci', 'gitlab']);
    expect([u.code, u.stderr.trim()]).toEqual([
      2,
      "slipway: unknown subcommand 'ci gitlab' (subcommands: plan, job, github, circleci)",
    ]);
    const dir = repo({
      Dockerfile: 'FROM alpine:3.20 AS a\n',
      'slipway.yaml': 'ci:\n  registry: GHCR.io/x\n',
    });
    const b = await slipway(['ci', 'github', '--cwd', dir]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      /slipway\.yaml:2:13: error CFG002 ci\.registry: 'GHCR\.io\/x' must be lowercase/m,
    );
  });

  it('a role naming a stage the Dockerfile lacks is a located error (exit 2), not a silent fallback', async () => {
    const dir = repo({
      Dockerfile: 'FROM alpine:3.20 AS base\nFROM base AS final\n',
      'slipway.yaml': 'roles:\n  release: gone\n',
    });
    for (const sub of ['github', 'circleci']) {
      const r = await slipway(['ci', sub, '--out', '-', '--cwd', dir]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(
        /slipway\.yaml:2:12: error CFG004 roles\.release: 'gone' is not a stage of Dockerfile; stages: base, final/,
      );
    }
  });

  /** Each slipway command of a generated workflow, run at the checkout's root as the job runs it. */
  const runJobs = (dir: string, file: string) => {
    const wf = parse(readFileSync(join(dir, file), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    const env = {
      ...process.env,
      // No engine: a command that opened the project stops there (exit 3), one that could not exits 2.
      DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}`,
      SLIPWAY_REGISTRY: 'localhost:5999/x/y',
      SLIPWAY_BASE: '',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    };
    const out: Record<string, string> = {};
    for (const [id, job] of Object.entries(wf.jobs))
      for (const st of job.steps)
        if (st.run?.includes('/bin/slipway.js ') && id !== 'report') {
          try {
            execFileSync('bash', ['-c', st.run], { cwd: dir, env, stdio: 'pipe' });
            out[id] = 'exit 0';
          } catch (e) {
            const { status, stderr } = e as { status: number; stderr: Buffer };
            out[id] = `exit ${status}: ${stderr.toString().split('\n')[0]}`;
          }
        }
    return out;
  };
  const unreachable = (dir: string) =>
    `exit 3: slipway: error: the Docker engine is unreachable (unix://${join(dir, 'no-engine.sock')}): connect ENOENT ${join(dir, 'no-engine.sock')}`;

  it('-f and --build-arg reach every job: their commands open the project slipway ci saw', async () => {
    const r = TempRepo.create({
      'build/prod.Dockerfile':
        'ARG FLAVOR=slim\nFROM alpine:3.20 AS base-slim\nFROM alpine:3.20 AS base-full\nFROM base-${FLAVOR} AS app\n',
      'slipway.yaml': `ci:\n  command: node ${join(REPO, 'bin/slipway.js')}\n`,
    });
    try {
      const g = await slipway(['ci', 'github', '-f', 'build/prod.Dockerfile', '--build-arg', 'FLAVOR=full'], {
        cwd: r.dir,
      });
      expect([g.code, g.stderr]).toEqual([0, '']);
      const wf = parse(readFileSync(join(r.dir, '.github/workflows/slipway.yml'), 'utf8'));
      expect(wf.jobs.app.needs).toEqual(['plan', 'base-full']);
      expect(wf.jobs.app.steps.find((st: { run?: string }) => st.run?.includes(' ci job ')).run).toContain(
        ' ci job app -f build/prod.Dockerfile --build-arg FLAVOR=full --provider github ',
      );
      const ran = runJobs(r.dir, '.github/workflows/slipway.yml');
      expect(Object.keys(ran)).toEqual(['plan', 'base-slim', 'base-full', 'app', 'publish']);
      for (const v of Object.values(ran)) expect(v).toBe(unreachable(r.dir));
      // --check with the same options: up to date.
      const c = await slipway(
        ['ci', 'github', '--check', '-f', 'build/prod.Dockerfile', '--build-arg', 'FLAVOR=full'],
        {
          cwd: r.dir,
        },
      );
      expect([c.code, c.stdout.trim()]).toEqual([0, '.github/workflows/slipway.yml: up to date']);
    } finally {
      r.remove();
    }
  });

  it('a project in a subdirectory: the files at the repository root, the jobs given -c (or --cwd)', async () => {
    const command = `ci:\n  command: node ${join(REPO, 'bin/slipway.js')}\n`;
    const r = TempRepo.create({
      Dockerfile: 'FROM alpine:3.20 AS wrong\n',
      'services/api/Dockerfile': 'FROM alpine:3.20 AS base\nFROM base AS api\n',
      'services/api/slipway.yaml': `image: api\n${command}`,
    });
    try {
      const fromRoot = await slipway(['ci', 'github', '-c', 'services/api/slipway.yaml'], { cwd: r.dir });
      expect([fromRoot.code, fromRoot.stdout.trim()]).toEqual([0, 'wrote .github/workflows/slipway.yml']);
      const text = readFileSync(join(r.dir, '.github/workflows/slipway.yml'), 'utf8');
      expect(text).toContain(' ci plan -c services/api/slipway.yaml --provider github ');
      expect(text).toContain(' ci job api -c services/api/slipway.yaml --provider github ');
      expect(runJobs(r.dir, '.github/workflows/slipway.yml')).toEqual({
        plan: unreachable(r.dir),
        base: unreachable(r.dir),
        api: unreachable(r.dir),
        publish: unreachable(r.dir),
      });
      // From the subdirectory (its own slipway.yaml, or --cwd): the same files, at the root.
      const sub = join(r.dir, 'services/api');
      const inSub = await slipway(['ci', 'circleci'], { cwd: sub });
      expect([inSub.code, inSub.stdout.trim()]).toEqual([0, 'wrote ../../.circleci/config.yml']);
      expect(readFileSync(join(r.dir, '.circleci/config.yml'), 'utf8')).toContain(
        ' ci plan -c services/api/slipway.yaml --provider circleci ',
      );
      expect((await slipway(['ci', 'github', '--check'], { cwd: sub })).code).toBe(0);
      expect((await slipway(['ci', 'github', '--check', '--cwd', 'services/api'], { cwd: r.dir })).code).toBe(
        0,
      );
      expect(existsSync(join(sub, '.github'))).toBe(false);
    } finally {
      r.remove();
    }
  });

  it('says when an unnamed stage gets no job', async () => {
    const dir = repo({ Dockerfile: 'FROM alpine:3.20 AS a\nFROM a\nRUN true\n' });
    const r = await slipway(['ci', 'github', '--out', '-', '--cwd', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('unnamed stage 1 (line 2) is needed by no named stage: no job builds it');
  });
});
