import { tagSafe } from '../engine/registry.js';

/**
 * The registry tag scheme (docs/ci.md "Registry and tags"), pure. Stage images live in one repository:
 *   STAGE-fp-<fingerprint>  immutable: pushed only after the stage's spec passed — its existence proves it
 *   STAGE-<commit sha>      immutable: which image a commit built
 *   STAGE-<branch>          moving: the cache source for the next build of the branch
 */
const hex = (fingerprint: string) => fingerprint.replace(/^sha256:/, '').slice(0, 32);

/** Stage names are tag-safe already; only a long one is cut, so that every tag stays within 128 characters. */
const stagePart = (stage: string) => tagSafe(stage).slice(0, 60);

export const fingerprintTag = (stage: string, fingerprint: string): string =>
  `${stagePart(stage)}-fp-${hex(fingerprint)}`;

export const commitTag = (stage: string, sha: string): string => tagSafe(`${stagePart(stage)}-${sha}`);

export const branchTag = (stage: string, branch: string): string => tagSafe(`${stagePart(stage)}-${branch}`);

export interface PublishTags {
  /** Pushed first: they never move. */
  immutable: string[];
  /** Pushed last: a failure before them leaves no moving tag on a half-published image. */
  moving: string[];
}

/**
 * What `slipway publish` tags: the commit SHA, the branch, and for a version tag `vX.Y.Z` also `X.Y` and
 * `latest` (not for a pre-release `vX.Y.Z-rc.1`); the release stage plainly, any other stage `STAGE-`.
 */
export function publishTags(o: {
  stage: string;
  release: boolean;
  sha: string | null;
  branch: string | null;
  gitTag: string | null;
  extra?: readonly string[];
}): PublishTags {
  const p = o.release ? '' : `${stagePart(o.stage)}-`;
  const immutable: string[] = [];
  const moving: string[] = [];
  if (o.sha) immutable.push(tagSafe(`${p}${o.sha}`));
  const v = o.gitTag ? /^v(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/.exec(o.gitTag) : null;
  if (o.gitTag) immutable.push(tagSafe(`${p}${o.gitTag}`));
  if (v && !v[4]) moving.push(`${p}${v[1]}.${v[2]}`, `${p}latest`);
  if (o.branch) moving.push(tagSafe(`${p}${o.branch}`));
  for (const t of o.extra ?? []) moving.push(tagSafe(t));
  return {
    immutable: [...new Set(immutable)],
    moving: [...new Set(moving.filter((t) => !immutable.includes(t)))],
  };
}
