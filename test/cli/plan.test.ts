import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan-types.js';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

const repo = TempRepo.create({
  Dockerfile:
    'FROM alpine:3 AS base\nCOPY src/ /src/\nFROM base AS app\nRUN true\nFROM scratch AS docs\nCOPY docs /d\n',
  'src/a.ts': 'a',
  'docs/x.md': 'x',
  'roles.yaml': 'roles:\n  release: gone\n',
});
repo.commit('base');
repo.git('checkout', '-q', '-b', 'feature');
repo.commit('change', { 'src/a.ts': 'b' });
const env = { GITHUB_ACTIONS: '', CIRCLECI: '', SLIPWAY_BASE: '' };
afterAll(() => repo.remove());

describe('slipway plan (CLI)', () => {
  it('text: one line per stage; a summary on stderr', async () => {
    const r = await slipway(['plan'], { cwd: repo.dir, env });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'build base  src/a.ts modified',
      'build app   depends on base, which is rebuilt',
      'skip  docs  nothing it depends on changed',
    ]);
    expect(r.stderr).toMatch(
      /^plan: [0-9a-f]{12} \(merge-base of HEAD with the default branch\) \.\. [0-9a-f]{12}, 1 changed file/,
    );
  });

  it('json: the documented plan', async () => {
    const r = await slipway(['plan', '--format', 'json', '--base', 'main'], { cwd: repo.dir, env });
    const p = JSON.parse(r.stdout) as Plan;
    expect(Object.keys(p)).toEqual([
      'base',
      'head',
      'worktree',
      'baseSource',
      'fallback',
      'changedFiles',
      'stages',
      'buildOrder',
    ]);
    expect(p.stages).toEqual([
      {
        name: 'base',
        action: 'build',
        reasons: [{ kind: 'input', file: 'src/a.ts', text: 'src/a.ts modified' }],
      },
      {
        name: 'app',
        action: 'build',
        reasons: [{ kind: 'dependency', stage: 'base', text: 'depends on base, which is rebuilt' }],
      },
      { name: 'docs', action: 'skip', reasons: [] },
    ]);
    expect(p.buildOrder).toEqual(['base', 'app']);
    expect(p.baseSource).toBe('--base main');
  });

  it('markdown: a table for a pull-request comment', async () => {
    const r = await slipway(['plan', '--format', 'markdown'], { cwd: repo.dir, env });
    expect(r.stdout).toContain('| stage | action | why |');
    expect(r.stdout).toContain('| `base` | **build** | src/a.ts modified |');
    expect(r.stdout).toContain('Build order: `base` → `app`');
  });

  it('bad input: exit 2 with a message and a hint, no stack trace', async () => {
    const notRepo = await slipway(['plan'], { cwd: mkdtempSync(join(tmpdir(), 'slipway-norepo-')), env });
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/slipway: error: not a git repository/);
    expect(notRepo.stderr).toMatch(/hint:/);
    const unknown = await slipway(['plan', '--base', 'mian'], { cwd: repo.dir, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("slipway: error: unknown revision 'mian' (--base)");
    expect(unknown.stderr).toContain("hint: did you mean 'main'?");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const fmt = await slipway(['plan', '--format', 'yaml'], { cwd: repo.dir, env });
    expect(fmt.code).toBe(2);
  });

  it('a role naming a stage the Dockerfile lacks: a located CFG004 error, exit 2', async () => {
    const r = await slipway(['plan', '-c', 'roles.yaml'], { cwd: repo.dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /roles\.yaml:2:12: error CFG004 roles\.release: 'gone' is not a stage of Dockerfile; stages: base, app, docs/,
    );
  });
});
