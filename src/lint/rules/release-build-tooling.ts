import { ancestry, type Rule, roleStage } from '../rule.js';

const TOOLING =
  /^(gcc|g\+\+|cc|clang|make|cmake|build-essential|python3?|python3?-dev|autoconf|automake|libtool|(gcc|g\+\+)-\d+)$/;

export const releaseBuildTooling: Rule = {
  code: 'SW101',
  name: 'release-build-tooling',
  severity: 'error',
  why: 'build tooling in the release image ships compilers to production; build FROM base and COPY --from the artefact',
  check(ctx) {
    const release = roleStage(ctx, 'release');
    if (!release) return [];
    const out = [];
    for (const s of ancestry(ctx.model, release)) {
      const tools = s.deps.packages.filter((p) => TOOLING.test(p));
      if (!tools.length) continue;
      out.push({
        line: release.line,
        message:
          s === release
            ? `the release stage '${release.key}' installs build tooling (${tools.join(', ')})`
            : `the release stage '${release.key}' is built FROM '${s.key}', which installs build tooling (${tools.join(', ')}): build it FROM the base stage and COPY --from the artefact`,
      });
    }
    return out;
  },
};
