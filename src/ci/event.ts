import type { Provider } from './contract.js';

/**
 * What `ci plan` reads of the CI event, as pure functions of the environment (and GitHub's event payload):
 * where images go, whether this run may push, and the base to compare with. docs/ci.md, "The contract".
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** `ghcr.io/<owner>/<repo>` of the CI's repository, lower-cased (GHCR refuses uppercase); null outside CI. */
export function defaultRegistry(p: Provider, env: Env): string | null {
  const repo =
    p === 'github'
      ? env.GITHUB_REPOSITORY
      : env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME
        ? `${env.CIRCLE_PROJECT_USERNAME}/${env.CIRCLE_PROJECT_REPONAME}`
        : undefined;
  return repo ? `ghcr.io/${repo}`.toLowerCase() : null;
}

/** Why this run must not push (a read-only token), or null when it may. */
export function pushBlocked(p: Provider, env: Env, event?: unknown): string | null {
  if (p === 'circleci') {
    if (env.CIRCLE_PR_USERNAME) return 'a pull request from a fork gets no secrets';
    if (!env.SLIPWAY_REGISTRY_PASSWORD) return 'no SLIPWAY_REGISTRY_PASSWORD: pull only';
    return null;
  }
  if (env.GITHUB_ACTOR === 'dependabot[bot]') return "Dependabot's runs get a read-only token";
  const pr = (event as { pull_request?: { head?: { repo?: { full_name?: string } | null } } } | undefined)
    ?.pull_request;
  if (env.GITHUB_EVENT_NAME?.startsWith('pull_request') && pr) {
    const head = pr.head?.repo?.full_name;
    if (!head || head.toLowerCase() !== env.GITHUB_REPOSITORY?.toLowerCase())
      return 'a pull request from a fork gets a read-only token';
  }
  return null;
}

/** A revision as the CI gives it, or null for none: empty, CircleCI's `<nil>`, or Git's all-zero id. */
export const baseRevision = (raw: string | undefined): string | null => {
  const r = raw?.trim() ?? '';
  return r === '' || r === '<nil>' || /^0+$/.test(r) ? null : r;
};

/** `SLIPWAY_REBUILD_ALL` (and `SLIPWAY_PUSH`) as the generated CI writes them: `true` or anything else. */
export const flag = (raw: string | undefined): boolean => raw?.trim().toLowerCase() === 'true';
