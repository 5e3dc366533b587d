import { ROLES } from '../../config/config.js';
import { buildOrder } from '../../dockerfile/graph.js';
import type { Rule } from '../rule.js';

export const unusedStage: Rule = {
  code: 'SW103',
  name: 'unused-stage',
  severity: 'warning',
  why: 'a stage no target needs is never built by a --target build and rots unnoticed',
  check(ctx) {
    const { stages } = ctx.model;
    const last = stages[stages.length - 1];
    if (!last) return [];
    const roleKeys = ROLES.map((r) => ctx.config.roles[r]).filter((k) => stages.some((s) => s.key === k));
    const needed = new Set(buildOrder(ctx.model, [...new Set([...roleKeys, last.key])]));
    return stages
      .filter((s) => !needed.has(s.key))
      .map((s) => ({
        line: s.line,
        message: `stage '${s.key}' is not needed by any target (${[...new Set([...roleKeys, last.key])].join(', ')})`,
      }));
  },
};
