import { ancestry, type Rule, roleStage } from '../rule.js';

export const releaseRootUser: Rule = {
  code: 'SW106',
  name: 'release-runs-as-root',
  severity: 'error',
  why: 'a release image that runs as root turns any remote code execution into root in the container',
  check(ctx) {
    const release = roleStage(ctx, 'release');
    if (!release) return [];
    const user = ancestry(ctx.model, release).find((s) => s.facts.user !== null)?.facts.user ?? null;
    if (user !== null && !/^(root|0)(:.*)?$/.test(user)) return [];
    const at = [...release.instructions].reverse().find((i) => i.keyword === 'USER');
    return [
      {
        line: at?.line ?? release.line,
        message: `the release stage '${release.key}' runs as ${user === null ? 'root (no USER)' : `'${user}'`}: set a non-root USER`,
      },
    ];
  },
};
