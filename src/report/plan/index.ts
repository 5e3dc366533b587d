import type { Plan } from '../../plan/plan-types.js';
import { planMarkdown } from './markdown.js';
import { planText } from './text.js';

/** Plan formats: one file and one line each. `json` is the documented Plan (docs/plan.md). */
export const PLAN_FORMATS = {
  text: planText,
  json: (p: Plan) => JSON.stringify(p, null, 2),
  markdown: planMarkdown,
} as const satisfies Record<string, (p: Plan) => string>;

export type PlanFormat = keyof typeof PLAN_FORMATS;
