/**
 * slipway's library API, one entry per capability: the stage model and graph, lint, build, test a spec
 * against an image or a running container, the pipeline, plans and fingerprints, the generated CI and its
 * runtime, the dev loop, run records, and the pure formatters (each format registry keyed by name).
 */

export {
  type BudgetResult,
  budgetFailures,
  checkBudgets,
  withBudgets,
} from './budgets/check.js';
export { type CheckReport, type CheckResult, checkContainer, checkImage } from './check/check-image.js';
export { type HelperProvider, provisionHelper } from './check/helper-image.js';
export { loadSpecs } from './check/specs.js';
export {
  type CiPlan,
  type CiRun,
  type CiSettings,
  circleciContinuation,
  circleciParameters,
  circleciSetupConfig,
  ciSettings,
  githubPlanOutputs,
  githubWorkflow,
  jobIds,
  releaseStage,
  stageJobs,
} from './ci/index.js';
export { type RenderOptions, renderReport } from './cli/render-report.js';
export { parseGrowth, parseSize } from './config/budgets.js';
export type { CiConfig, Config, DevConfig, StageBudget } from './config/config.js';
export { loadConfig, parseConfig } from './config/load.js';
export type { Diagnostic, Range, Severity } from './core/diagnostics.js';
export { formatDiagnostic } from './core/diagnostics.js';
export { EnvironmentError, SlipwayError, UserError } from './core/errors.js';
export { devcontainerJson } from './dev/devcontainer.js';
export {
  type DevSettings,
  type DevStatus,
  type DownResult,
  devDown,
  devFingerprint,
  devStatus,
  devUp,
  resolveDev,
  type UpResult,
} from './dev/index.js';
export { npmScripts, syncScripts } from './dev/npm-scripts.js';
export { buildOrder, externalImages, leafStages } from './dockerfile/graph.js';
export { parseDockerfile } from './dockerfile/parse.js';
export type { DockerfileModel, Stage, StageRef } from './dockerfile/stage.js';
export { type BuildClient, discoverBuildClient } from './engine/client.js';
export { connectEngine } from './engine/connect.js';
export { ensureImages } from './engine/images.js';
export type { RunRecord, StageRecord } from './history/record.js';
export { lint } from './lint/lint.js';
export { type PipelineReport, runPipeline } from './pipeline/pipeline.js';
export {
  type Plan,
  type PlanInput,
  planRepository,
  planStages,
  planWorkingTree,
  type Reason,
  type StageFingerprint,
  type StagePlan,
  specFingerprint,
  stageFingerprints,
} from './plan/index.js';
export { openProject, type Project, selectStages } from './project/project.js';
export { CHECK_FORMATS } from './report/check/index.js';
export { GRAPH_FORMATS } from './report/graph/index.js';
export { LINT_FORMATS } from './report/lint/index.js';
export { PLAN_FORMATS } from './report/plan/index.js';
export {
  REPORT_FORMATS,
  type ReportData,
  type ReportFormat,
  type ReportOptions,
  reportData,
} from './report/run/index.js';
export { ciPlan } from './ship/ci-plan.js';
export { publish } from './ship/publish.js';
export { stageJob } from './ship/stage-job.js';
export { type BuildReport, buildStages, type StageResult } from './stages/build-stages.js';
