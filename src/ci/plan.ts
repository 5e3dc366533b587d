/**
 * The plan the CI runs, as `slipway ci plan` hands it from the plan job to the stage jobs (docs/ci.md).
 * The shape of `slipway plan --format json`; `plan/` owns the type, this is what the generators read of it.
 */
export type PlanAction = 'build' | 'test' | 'skip';

export interface PlanReason {
  kind: string;
  text: string;
  file?: string;
  line?: number;
  arg?: string;
  stage?: string;
}

export interface PlanStage {
  /** The stage key: its name, or its index for an unnamed stage. */
  name: string;
  action: PlanAction;
  reasons: PlanReason[];
}

export interface CiPlan {
  base: string | null;
  head: string;
  stages: PlanStage[];
  buildOrder: string[];
}

/** Named stages the plan runs (build or test), in plan order; an unnamed stage (an index) has no job. */
export const stagesToRun = (plan: CiPlan): string[] =>
  plan.stages.filter((s) => s.action !== 'skip' && !/^\d+$/.test(s.name)).map((s) => s.name);

/** The action the plan gives a stage; a stage the plan does not mention is skipped. */
export const actionOf = (plan: CiPlan, stage: string): PlanAction =>
  plan.stages.find((s) => s.name === stage)?.action ?? 'skip';
