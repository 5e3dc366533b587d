import type { Plan, Reason } from '../../plan/plan-types.js';

/** One reason as a short phrase (its text; a summary reason says how many more). */
export const reasonText = (r: Reason): string => r.text;

/** One line per stage: action, name, the first reason and how many more. */
export function planText(plan: Plan): string {
  const width = Math.max(4, ...plan.stages.map((s) => s.name.length));
  const lines = plan.stages.map((s) => {
    const first = s.reasons[0];
    const why =
      s.action === 'skip'
        ? 'nothing it depends on changed'
        : `${first ? reasonText(first) : ''}${s.reasons.length > 1 ? ` (+${s.reasons.length - 1} more)` : ''}`;
    return `${s.action.padEnd(5)} ${s.name.padEnd(width)}  ${why}`;
  });
  return lines.join('\n');
}
