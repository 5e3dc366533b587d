import { describe, expect, it } from 'vitest';
import { chooseBase } from '../../../src/plan/ci-base.js';

const gh = (event: string, payload: unknown, extra: Record<string, string> = {}) =>
  chooseBase(
    { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: '/ev.json', ...extra },
    (p) => (p === '/ev.json' ? JSON.stringify(payload) : null),
  );

describe('the base from the CI environment', () => {
  it('outside CI: merge-base with the default branch; SLIPWAY_BASE wins everywhere', () => {
    expect(chooseBase({}, () => null)).toMatchObject({ kind: 'default-branch' });
    expect(chooseBase({ SLIPWAY_BASE: 'abc1234', GITHUB_ACTIONS: 'true' }, () => null)).toMatchObject({
      kind: 'revision',
      rev: 'abc1234',
      mergeBase: false,
    });
    expect(chooseBase({ SLIPWAY_BASE: ' ' }, () => null).kind).toBe('default-branch');
    // "No base" as CI spells it: a new branch's all-zero `before`, CircleCI's `<nil>`.
    expect(chooseBase({ SLIPWAY_BASE: '0'.repeat(40) }, () => null).kind).toBe('default-branch');
    expect(chooseBase({ SLIPWAY_BASE: '<nil>' }, () => null).kind).toBe('default-branch');
  });

  it('GitHub Actions', () => {
    expect(gh('pull_request', { pull_request: { base: { sha: 'b'.repeat(40) } } })).toMatchObject({
      kind: 'revision',
      rev: 'b'.repeat(40),
      mergeBase: true,
    });
    expect(gh('pull_request', {}, { GITHUB_BASE_REF: 'develop' })).toMatchObject({
      rev: 'origin/develop',
      mergeBase: true,
    });
    expect(gh('push', { before: 'c'.repeat(40) })).toMatchObject({
      kind: 'revision',
      rev: 'c'.repeat(40),
      mergeBase: false,
    });
    expect(gh('push', { before: '0'.repeat(40), repository: { default_branch: 'trunk' } })).toMatchObject({
      kind: 'default-branch',
      branch: 'origin/trunk',
    });
    expect(gh('merge_group', { merge_group: { base_sha: 'd'.repeat(40) } })).toMatchObject({
      rev: 'd'.repeat(40),
      mergeBase: false,
    });
    expect(gh('push', {}, { GITHUB_REF_TYPE: 'tag', GITHUB_REF: 'refs/tags/v2' }).kind).toBe('previous-tag');
    expect(gh('workflow_dispatch', {}).kind).toBe('everything');
    expect(gh('schedule', {}).kind).toBe('everything');
    expect(
      gh('workflow_run', { workflow_run: { pull_requests: [{ base: { sha: 'e'.repeat(40) } }] } }),
    ).toMatchObject({
      rev: 'e'.repeat(40),
      mergeBase: true,
    });
    expect(gh('workflow_run', { workflow_run: { pull_requests: [] } }).kind).toBe('everything');
    expect(gh('pull_request', null).kind).toBe('default-branch'); // unreadable event file
  });

  it('CircleCI', () => {
    expect(chooseBase({ CIRCLECI: 'true', CIRCLE_TAG: 'v1' }, () => null).kind).toBe('previous-tag');
    expect(
      chooseBase({ CIRCLECI: 'true', CIRCLE_PULL_REQUEST: 'https://github.com/o/r/pull/3' }, () => null),
    ).toMatchObject({
      kind: 'default-branch',
      ci: true,
    });
    expect(
      chooseBase({ CIRCLECI: 'true', CIRCLE_BRANCH: 'main', SLIPWAY_BASE: 'f00ba47' }, () => null),
    ).toMatchObject({
      kind: 'revision',
      rev: 'f00ba47',
    });
    expect(chooseBase({ CIRCLECI: 'true' }, () => null).kind).toBe('everything');
  });
});
