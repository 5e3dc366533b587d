/**
 * Where the base revision comes from when none is given: the CI environment slipway runs in, read from
 * injected environment variables (and the GitHub event file, through `readFile`), so tests can fake any CI.
 *
 * | where                         | base                                                             |
 * | ----------------------------- | ---------------------------------------------------------------- |
 * | `SLIPWAY_BASE` (non-empty)    | that revision, as given (CircleCI: `<< pipeline.git.base_revision >>`) |
 * | GitHub pull_request(_target)  | merge-base of HEAD with `pull_request.base.sha` (else `origin/$GITHUB_BASE_REF`) |
 * | GitHub merge_group            | `merge_group.base_sha`, the queue's base                         |
 * | GitHub push                   | `before`, the previous pushed commit (a new branch: merge-base with the default branch) |
 * | GitHub tag (`GITHUB_REF_TYPE=tag`) | the previous tag (`git describe --abbrev=0 --tags HEAD^`)   |
 * | GitHub workflow_run           | the triggering pull request's base, if any; else everything      |
 * | GitHub workflow_dispatch, schedule, other | everything                                           |
 * | CircleCI tag (`CIRCLE_TAG`)   | the previous tag                                                 |
 * | CircleCI pull request / branch | merge-base with the default branch (on the default branch itself: everything) |
 * | not CI                        | merge-base of HEAD with the default branch                       |
 */

export type BaseChoice =
  /** A revision to diff against; `mergeBase`: the merge-base of it and HEAD. */
  | { kind: 'revision'; rev: string; mergeBase: boolean; source: string }
  | { kind: 'previous-tag'; source: string }
  /**
   * merge-base of HEAD with the default branch (`branch` when the CI names it); `ci`: a CI run that may be
   * on the default branch itself, where that merge-base is HEAD and says nothing (then: everything).
   */
  | { kind: 'default-branch'; branch?: string; ci?: boolean; source: string }
  | { kind: 'everything'; source: string };

type Env = Readonly<Record<string, string | undefined>>;

const ZERO = /^0+$/;

export function chooseBase(env: Env, readFile: (path: string) => string | null): BaseChoice {
  // CI gives "no base" as empty, CircleCI's `<nil>`, or git's all-zero id (a new branch's push).
  const raw = env.SLIPWAY_BASE?.trim();
  const given = raw && raw !== '<nil>' && !/^0+$/.test(raw) ? raw : null;
  if (given) return { kind: 'revision', rev: given, mergeBase: false, source: 'SLIPWAY_BASE' };
  if (env.GITHUB_ACTIONS === 'true') return github(env, readFile);
  if (env.CIRCLECI === 'true') return circle(env);
  return { kind: 'default-branch', source: 'merge-base of HEAD with the default branch' };
}

function github(env: Env, readFile: (path: string) => string | null): BaseChoice {
  const event = env.GITHUB_EVENT_NAME ?? '';
  const payload = readEvent(env.GITHUB_EVENT_PATH, readFile);
  const at = (...keys: string[]): unknown =>
    keys.reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      payload,
    );
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const gh = `GitHub Actions ${event || 'run'}`;
  if (env.GITHUB_REF_TYPE === 'tag' || (event === 'push' && env.GITHUB_REF?.startsWith('refs/tags/')))
    return { kind: 'previous-tag', source: `${gh} of a tag: the previous tag` };
  if (
    event === 'pull_request' ||
    event === 'pull_request_target' ||
    event.startsWith('pull_request_review')
  ) {
    const sha = str(at('pull_request', 'base', 'sha'));
    if (sha)
      return {
        kind: 'revision',
        rev: sha,
        mergeBase: true,
        source: `${gh}: merge-base with pull_request.base.sha`,
      };
    if (env.GITHUB_BASE_REF)
      return {
        kind: 'revision',
        rev: `origin/${env.GITHUB_BASE_REF}`,
        mergeBase: true,
        source: `${gh}: merge-base with origin/${env.GITHUB_BASE_REF}`,
      };
    return { kind: 'default-branch', source: `${gh} without a base: merge-base with the default branch` };
  }
  if (event === 'merge_group') {
    const sha = str(at('merge_group', 'base_sha'));
    if (sha)
      return {
        kind: 'revision',
        rev: sha,
        mergeBase: false,
        source: `${gh}: the queue's base (merge_group.base_sha)`,
      };
    return { kind: 'everything', source: `${gh} without merge_group.base_sha` };
  }
  if (event === 'push') {
    const before = str(at('before'));
    if (before && !ZERO.test(before))
      return {
        kind: 'revision',
        rev: before,
        mergeBase: false,
        source: `${gh}: the previous pushed commit (before)`,
      };
    const branch = str(at('repository', 'default_branch'));
    return {
      kind: 'default-branch',
      ...(branch ? { branch: `origin/${branch}` } : {}),
      source: `${gh} of a new branch: merge-base with the default branch`,
    };
  }
  if (event === 'workflow_run') {
    const prs = at('workflow_run', 'pull_requests');
    const sha = Array.isArray(prs)
      ? str((prs[0] as { base?: { sha?: unknown } } | undefined)?.base?.sha)
      : null;
    if (sha)
      return {
        kind: 'revision',
        rev: sha,
        mergeBase: true,
        source: `${gh}: merge-base with the triggering pull request's base`,
      };
    return { kind: 'everything', source: `${gh}: the triggering run gives no base` };
  }
  return { kind: 'everything', source: `${gh}: a ${event || 'manual'} run has no base` };
}

function circle(env: Env): BaseChoice {
  if (env.CIRCLE_TAG) return { kind: 'previous-tag', source: 'CircleCI tag: the previous tag' };
  if (env.CIRCLE_PULL_REQUEST || env.CIRCLE_PR_NUMBER)
    return {
      kind: 'default-branch',
      ci: true,
      source: 'CircleCI pull request: merge-base with the default branch',
    };
  if (env.CIRCLE_BRANCH)
    return {
      kind: 'default-branch',
      ci: true,
      source: `CircleCI branch ${env.CIRCLE_BRANCH} without SLIPWAY_BASE: merge-base with the default branch`,
    };
  return { kind: 'everything', source: 'CircleCI run without a branch, tag or SLIPWAY_BASE' };
}

function readEvent(path: string | undefined, readFile: (path: string) => string | null): unknown {
  if (!path) return null;
  const text = readFile(path);
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
