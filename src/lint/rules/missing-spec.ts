import type { Rule } from '../rule.js';

export const missingSpec: Rule = {
  code: 'SW111',
  name: 'stage-without-spec',
  severity: 'warning',
  why: 'every stage has a contract; without a container spec nothing notices when it breaks',
  check(ctx) {
    return ctx.model.stages
      .filter((s) => s.name && !ctx.specExists(s.key))
      .map((s) => ({
        line: s.line,
        message: `stage '${s.key}' has no container spec (${ctx.config.specs.replaceAll('{stage}', s.key)})`,
      }));
  },
};
