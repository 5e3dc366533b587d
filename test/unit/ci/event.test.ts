import { describe, expect, it } from 'vitest';
import { baseRevision, defaultRegistry, flag, pushBlocked } from '../../../src/ci/event.js';

describe('what ci plan reads of the CI event', () => {
  it('the default registry is the CI repository on GHCR, lower-cased; none outside CI', () => {
    expect(defaultRegistry('github', { GITHUB_REPOSITORY: 'Acme/Shop' })).toBe('ghcr.io/acme/shop');
    expect(
      defaultRegistry('circleci', { CIRCLE_PROJECT_USERNAME: 'Acme', CIRCLE_PROJECT_REPONAME: 'Shop' }),
    ).toBe('ghcr.io/acme/shop');
    expect(defaultRegistry('github', {})).toBeNull();
    expect(defaultRegistry('circleci', { CIRCLE_PROJECT_USERNAME: 'a' })).toBeNull();
  });

  it('GitHub: forks and Dependabot may not push; pushes, tags and own pull requests may', () => {
    const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_EVENT_NAME: 'pull_request', GITHUB_ACTOR: 'dev' };
    const pr = (full_name: string | null) => ({
      pull_request: { head: { repo: full_name && { full_name } } },
    });
    expect(pushBlocked('github', env, pr('Acme/Shop'))).toBeNull();
    expect(pushBlocked('github', env, pr('someone/shop'))).toMatch(/fork/);
    expect(pushBlocked('github', env, pr(null))).toMatch(/fork/); // the fork was deleted
    expect(pushBlocked('github', { ...env, GITHUB_ACTOR: 'dependabot[bot]' }, pr('acme/shop'))).toMatch(
      /Dependabot/,
    );
    expect(pushBlocked('github', { ...env, GITHUB_EVENT_NAME: 'push' }, {})).toBeNull();
    expect(pushBlocked('github', { ...env, GITHUB_EVENT_NAME: 'merge_group' }, {})).toBeNull();
  });

  it('CircleCI: forked pull requests and runs without credentials may not push', () => {
    expect(pushBlocked('circleci', { SLIPWAY_REGISTRY_PASSWORD: 'x' })).toBeNull();
    expect(
      pushBlocked('circleci', { SLIPWAY_REGISTRY_PASSWORD: 'x', CIRCLE_PR_USERNAME: 'someone' }),
    ).toMatch(/fork/);
    expect(pushBlocked('circleci', {})).toMatch(/pull only/);
  });

  it('no base: empty, <nil>, all zeros; flags are true or not', () => {
    expect(
      [undefined, '', ' ', '<nil>', '0000000000000000000000000000000000000000'].map(baseRevision),
    ).toEqual([null, null, null, null, null]);
    expect(baseRevision('a1b2c3')).toBe('a1b2c3');
    expect(['true', 'TRUE', ' true\n', 'false', '', undefined, '1'].map(flag)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
