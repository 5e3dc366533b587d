/** The CI generators: pure functions from the stage model, the settings (and the plan) to the files' text. */
export { circleciSetupConfig } from './circleci.js';
export { circleciContinuation, circleciParameters } from './circleci-continuation.js';
export * from './contract.js';
export { baseRevision, defaultRegistry, type Env, flag, pushBlocked } from './event.js';
export { GITHUB_ACTIONS, githubWorkflow, stageGate } from './github.js';
export { type CiRun, githubOutput, githubPlanOutputs } from './github-output.js';
export {
  IDLE_JOB,
  jobIds,
  namedDependencies,
  orphanStages,
  PLAN_JOB,
  PUBLISH_JOB,
  type StageJob,
  stageJobs,
} from './jobs.js';
export {
  actionOf,
  type CiPlan,
  type PlanAction,
  type PlanReason,
  type PlanStage,
  stagesToRun,
} from './plan.js';
export { releaseStage } from './release.js';
export { type CiSettings, ciSettings } from './settings.js';
