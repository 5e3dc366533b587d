/**
 * The change-scenario corpus (test/fixtures/plan-corpus): each scenario is committed to a real temporary
 * repository and planned with the default base; every stage's action must be exactly the expected one.
 */
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planRepository } from '../../src/plan/index.js';
import { TempRepo } from '../helpers/git-repo.js';

interface Scenario {
  description: string;
  base: Record<string, string>;
  head?: Record<string, string | null>;
  rename?: [string, string][];
  worktree?: boolean;
  expect: Record<string, 'build' | 'test' | 'skip'>;
}

const DIR = fileURLToPath(new URL('../fixtures/plan-corpus/', import.meta.url));
const scenarios = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => [f.replace(/\.yaml$/, ''), parse(readFileSync(join(DIR, f), 'utf8')) as Scenario] as const);

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.remove();
});

/** Writes files; a value `@symlink TARGET` makes a symbolic link. */
function apply(repo: TempRepo, files: Record<string, string | null>): void {
  for (const [path, text] of Object.entries(files)) {
    const link = text?.match(/^@symlink (.+)$/);
    if (link) symlinkSync(link[1] as string, join(repo.dir, path));
    else repo.write({ [path]: text });
  }
}

describe('plan corpus', () => {
  it('has scenarios', () => expect(scenarios.length).toBeGreaterThanOrEqual(30));

  it.each(scenarios)('%s', async (_name, s) => {
    const repo = TempRepo.create();
    repos.push(repo);
    apply(repo, s.base);
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'change');
    apply(repo, s.head ?? {});
    for (const [from, to] of s.rename ?? []) repo.rename(from, to);
    if (!s.worktree) repo.commit('head');
    const { plan } = await planRepository({ cwd: repo.dir, env: {}, worktree: Boolean(s.worktree) });
    const got = Object.fromEntries(plan.stages.map((st) => [st.name, st.action]));
    expect(got, `${s.description}\n${JSON.stringify(plan.stages, null, 1)}`).toEqual(s.expect);
  });
});
