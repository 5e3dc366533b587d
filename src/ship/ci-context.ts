import type { Provider } from '../ci/contract.js';
import type { Env } from '../ci/event.js';
import { Git } from '../plan/git.js';

/** Where a CI job stands: the commit it builds, its branch, the version tag it was pushed for. */
export interface CiContext {
  sha: string | null;
  branch: string | null;
  gitTag: string | null;
}

/** What the provider's environment says (pure); null fields are filled from git by `ciContext`. */
export function ciContextFromEnv(p: Provider | null, env: Env): CiContext {
  if (p === 'github' || (!p && env.GITHUB_ACTIONS === 'true')) {
    const tag = env.GITHUB_REF_TYPE === 'tag' ? (env.GITHUB_REF_NAME ?? null) : null;
    // A pull request's job runs on a merge ref: its branch is the head branch.
    const branch =
      env.GITHUB_HEAD_REF || (env.GITHUB_REF_TYPE === 'branch' ? env.GITHUB_REF_NAME : '') || null;
    return { sha: env.GITHUB_SHA || null, branch, gitTag: tag };
  }
  if (p === 'circleci' || (!p && env.CIRCLECI === 'true'))
    return {
      sha: env.CIRCLE_SHA1 || null,
      branch: env.CIRCLE_BRANCH || null,
      gitTag: env.CIRCLE_TAG || null,
    };
  return { sha: null, branch: null, gitTag: null };
}

/** The job's context: the provider's variables, else the repository's HEAD, branch and exact tag. */
export async function ciContext(p: Provider | null, env: Env, cwd: string): Promise<CiContext> {
  const c = ciContextFromEnv(p, env);
  if (c.sha && (c.branch || c.gitTag)) return c;
  const git = await Git.open(cwd).catch(() => null);
  if (!git) return c;
  const exact = await git.run(['describe', '--exact-match', '--tags', 'HEAD']);
  return {
    sha: c.sha ?? (await git.commit('HEAD')),
    branch: c.branch ?? (await git.branch()),
    gitTag: c.gitTag ?? (exact.code === 0 ? exact.stdout.toString('utf8').trim() || null : null),
  };
}
