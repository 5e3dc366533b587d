import type { Action, Plan } from '../plan/plan-types.js';

/**
 * The plan the CI runs, as `slipway ci plan` hands it from the plan job to the stage jobs (docs/ci.md).
 * The shape of `slipway plan --format json`; `plan/` owns the type, this is what the generators read of it.
 */
export type {
  Action as PlanAction,
  Reason as PlanReason,
  StagePlan as PlanStage,
} from '../plan/plan-types.js';

/** What the generators read of a plan (a `Plan` of plan/, or its JSON handed from job to job). */
export type CiPlan = Pick<Plan, 'base' | 'head' | 'stages' | 'buildOrder'>;

/** Named stages the plan runs (build or test), in plan order; an unnamed stage (an index) has no job. */
export const stagesToRun = (plan: CiPlan): string[] =>
  plan.stages.filter((s) => s.action !== 'skip' && !/^\d+$/.test(s.name)).map((s) => s.name);

/** The action the plan gives a stage; a stage the plan does not mention is skipped. */
export const actionOf = (plan: CiPlan, stage: string): Action =>
  plan.stages.find((s) => s.name === stage)?.action ?? 'skip';
