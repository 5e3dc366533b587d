import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { slipway } from '../helpers/cli.js';

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

  it('says when an unnamed stage gets no job', async () => {
    const dir = repo({ Dockerfile: 'FROM alpine:3.20 AS a\nFROM a\nRUN true\n' });
    const r = await slipway(['ci', 'github', '--out', '-', '--cwd', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('unnamed stage 1 (line 2) is needed by no named stage: no job builds it');
  });
});
