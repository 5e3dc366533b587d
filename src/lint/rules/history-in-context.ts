import type { Rule } from '../rule.js';

/** A file of slipway's run history, as a path relative to the repository root. */
export const HISTORY_PROBE = '.slipway/runs/run.json';

export const historyInContext: Rule = {
  code: 'SW112',
  name: 'history-in-context',
  severity: 'warning',
  why: "slipway's run history (.slipway/) in a stage's inputs changes them with every recorded run: the stage is rebuilt every time",
  check(ctx) {
    return ctx.model.stages
      .filter((s) => ctx.readsFromRepository(s.key, HISTORY_PROBE))
      .map((s) => ({
        line: s.line,
        message: `stage '${s.key}' reads .slipway/ (slipway's run history) from the build context: add .slipway to the ignore file`,
      }));
  },
};
