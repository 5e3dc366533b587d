import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { planRepository, planWorkingTree } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { TempRepo } from '../helpers/git-repo.js';

const DF = [
  'FROM alpine:3 AS base',
  'COPY src/ /src/',
  'FROM base AS app',
  'COPY app.txt /',
  'FROM scratch AS docs',
  'COPY docs /docs',
  '',
].join('\n');
const FILES = {
  Dockerfile: DF,
  'src/a.ts': 'a',
  'app.txt': 'app',
  'docs/x.md': 'x',
  'docker/goss.docs.yaml': 'gossfile:\n  common.yaml: {}\nfile:\n  /docs:\n    exists: true\n',
  'docker/common.yaml': 'file:\n  /:\n    exists: true\n',
};
const repos: TempRepo[] = [];
const repo = (files: Record<string, string | null> = FILES) => {
  const r = TempRepo.create(files);
  repos.push(r);
  return r;
};
afterAll(() => {
  for (const r of repos) r.remove();
});
const actions = (p: Plan) => Object.fromEntries(p.stages.map((s) => [s.name, s.action]));
const plan = async (
  r: TempRepo,
  o: Parameters<typeof planRepository>[0] extends infer T ? Partial<T> : never = {},
) => (await planRepository({ cwd: r.dir, env: {}, ...o })).plan;

describe('slipway plan on real repositories', () => {
  it('default base: the merge-base of HEAD with main; a rename counts its old path', async () => {
    const r = repo();
    const root = r.commit('base');
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('unrelated on main?');
    r.git('checkout', '-q', 'main');
    r.commit('main moves on', { 'docs/x.md': 'x2' });
    r.git('checkout', '-q', 'feature');
    r.rename('src/a.ts', 'elsewhere/a.ts');
    r.commit('rename');
    const p = await plan(r);
    expect(p.base).toBe(root); // not main's tip: main's docs change is not ours
    expect(p.baseSource).toBe('merge-base of HEAD with the default branch');
    expect(actions(p)).toEqual({ base: 'build', app: 'build', docs: 'skip' });
    expect(p.stages[0]?.reasons).toEqual([{ kind: 'input', file: 'src/a.ts', text: 'src/a.ts deleted' }]);
  });

  it('--base and --head as given; a spec include change is a test', async () => {
    const r = repo();
    const a = r.commit('a');
    const b = r.commit('b', { 'docker/common.yaml': 'file:\n  /etc:\n    exists: true\n' });
    const p = await plan(r, { base: a, head: b });
    expect([p.base, p.head]).toEqual([a, b]);
    expect(actions(p)).toEqual({ base: 'skip', app: 'skip', docs: 'test' });
    expect(p.stages[2]?.reasons[0]).toMatchObject({ kind: 'spec', file: 'docker/common.yaml' });
  });

  it('--worktree: modified and untracked files against HEAD, ignored ones not', async () => {
    const r = repo({ ...FILES, '.gitignore': 'docs/gen.md\n' });
    r.commit('a');
    r.write({ 'app.txt': 'changed', 'docs/gen.md': 'ignored by git' });
    expect(actions(await plan(r, { worktree: true }))).toEqual({ base: 'skip', app: 'build', docs: 'skip' });
    r.write({ 'app.txt': 'app', 'src/new.ts': 'untracked' });
    const p = await plan(r, { worktree: true });
    expect(p.worktree).toBe(true);
    expect(actions(p)).toEqual({ base: 'build', app: 'build', docs: 'skip' });
    expect(p.stages[0]?.reasons[0]).toEqual({ kind: 'input', file: 'src/new.ts', text: 'src/new.ts added' });
  });

  it('bad input: not a repository, unknown refs, a broken Dockerfile at head, a test setting for no stage', async () => {
    const r = repo();
    r.commit('a');
    await expect(plan(r, { cwd: '/' })).rejects.toThrow(/not a git repository/);
    await expect(plan(r, { base: 'no-such-branch' })).rejects.toBeInstanceOf(UserError);
    await expect(plan(r, { head: 'nope' })).rejects.toThrow(/unknown revision 'nope'/);
    await expect(plan(r, { head: 'HEAD', worktree: true })).rejects.toThrow(/exclude each other/);
    r.commit('broken', { Dockerfile: 'FROM alpine AS a\nCOPY --from=a x y\n' });
    await expect(plan(r, { base: 'HEAD~1' })).rejects.toThrow(/invalid Dockerfile Dockerfile at head/);
    r.commit('fixed', { Dockerfile: DF, 'slipway.yaml': 'test:\n  ap:\n    cmd: [sleep, "9"]\n' });
    const bad = await plan(r, { base: 'HEAD~1' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(UserError);
    expect(
      (bad as UserError).diagnostics.map(
        (d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`,
      ),
    ).toEqual([expect.stringMatching(/^CFG004 2:3 test\.ap: 'ap' is not a stage .*did you mean 'app'/)]);
  });

  it('when in doubt, build: a Dockerfile that does not parse at base', async () => {
    const r = repo();
    const a = r.commit('broken', { Dockerfile: 'FROM\n' });
    r.commit('fixed', { Dockerfile: DF });
    const p = await plan(r, { base: a });
    expect(actions(p)).toEqual({ base: 'build', app: 'build', docs: 'build' });
    expect(p.stages[0]?.reasons[0]?.text).toMatch(/cannot be read at the base revision/);
  });

  it('a shallow clone without the base commit plans everything and says how to fetch it', async () => {
    const r = repo();
    r.commit('a');
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('b', { 'app.txt': 'b' });
    const prBase = r.git('rev-parse', 'main');
    const c = r.clone({ depth: 1, branch: 'feature' });
    repos.push(c);
    const event = join(c.dir, '..', `event-${Date.now()}.json`);
    writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: prBase } } }));
    const env = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event };
    const p = await plan(c, { env });
    expect(p.base).toBeNull();
    expect(p.fallback?.reason).toMatch(/is not in this repository/);
    expect(p.fallback?.hint).toMatch(/shallow clone.*git fetch --deepen/);
    expect(actions(p)).toEqual({ base: 'build', app: 'build', docs: 'build' });
    c.git('fetch', '-q', '--unshallow');
    expect(actions(await plan(c, { env }))).toEqual({ base: 'skip', app: 'build', docs: 'skip' });
  });

  it('CI bases: GitHub push (before), merge queue, tag (previous tag), manual run; CircleCI with SLIPWAY_BASE', async () => {
    const r = repo();
    const first = r.commit('a');
    r.git('tag', 'v1');
    const second = r.commit('b', { 'docs/x.md': 'x2' });
    r.git('tag', 'v2');
    const third = r.commit('c', { 'app.txt': 'c' });
    const event = (payload: unknown) => {
      const f = join(r.dir, '.git', `ev-${Math.random()}.json`);
      writeFileSync(f, JSON.stringify(payload));
      return f;
    };
    const gh = (name: string, payload: unknown, extra: Record<string, string> = {}) =>
      plan(r, {
        env: { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: event(payload), ...extra },
      });
    const push = await gh('push', { before: second });
    expect([push.base, actions(push)]).toEqual([second, { base: 'skip', app: 'build', docs: 'skip' }]);
    const queue = await gh('merge_group', { merge_group: { base_sha: first } });
    expect([queue.base, actions(queue)]).toEqual([first, { base: 'skip', app: 'build', docs: 'build' }]);
    r.git('checkout', '-q', 'v2');
    const tag = await gh('push', {}, { GITHUB_REF_TYPE: 'tag', GITHUB_REF: 'refs/tags/v2' });
    expect([tag.base, actions(tag)]).toEqual([first, { base: 'skip', app: 'skip', docs: 'build' }]);
    r.git('checkout', '-q', 'main');
    const manual = await gh('workflow_dispatch', {});
    expect([manual.base, manual.fallback?.reason]).toEqual([
      null,
      expect.stringMatching(/workflow_dispatch/),
    ]);
    const circle = await plan(r, { env: { CIRCLECI: 'true', CIRCLE_BRANCH: 'main', SLIPWAY_BASE: second } });
    expect([circle.base, circle.head]).toEqual([second, third]);
    const circleMain = await plan(r, { env: { CIRCLECI: 'true', CIRCLE_BRANCH: 'main' } });
    expect(circleMain.fallback?.reason).toMatch(/HEAD is on the default branch/);
  });

  it('--build-arg on top of the config, at both revisions: ARG in FROM picks the stage a change reaches', async () => {
    const r = repo({
      Dockerfile: [
        'ARG FLAVOR=slim',
        'FROM alpine:3 AS base-slim',
        'COPY slim.txt /',
        'FROM alpine:3 AS base-full',
        'COPY full.txt /',
        'FROM base-${FLAVOR} AS app',
        '',
      ].join('\n'),
      'slim.txt': 's',
      'full.txt': 'f',
    });
    const base = r.commit('base');
    r.commit('full changes', { 'full.txt': 'f2' });
    expect(actions(await plan(r, { base }))).toEqual({
      'base-slim': 'skip',
      'base-full': 'build',
      app: 'skip',
    });
    expect(actions(await plan(r, { base, buildArgs: { FLAVOR: 'full' } }))).toEqual({
      'base-slim': 'skip',
      'base-full': 'build',
      app: 'build',
    });
  });

  it('planWorkingTree: fingerprints over the files on disk, git-ignored ones included', async () => {
    const r = repo({
      ...FILES,
      '.gitignore': 'gen/\n',
      Dockerfile: `${DF}FROM scratch AS gen\nCOPY gen/ /gen/\n`,
      'gen/x': '1',
    });
    r.commit('a');
    const images = { 'alpine:3': 'sha256:1' };
    const one = (await planWorkingTree({ cwd: r.dir, env: {} }, images)).fingerprints;
    r.write({ 'gen/x': '2' });
    const two = await planWorkingTree({ cwd: r.dir, env: {} }, images);
    expect(two.fingerprints.get('gen')?.fingerprint).not.toBe(one.get('gen')?.fingerprint);
    expect(two.fingerprints.get('base')?.fingerprint).toBe(one.get('base')?.fingerprint);
    expect(actions(two.plan).gen).toBe('skip'); // git cannot see it; the fingerprint can
  });
});
