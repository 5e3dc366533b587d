/** slipway's library API. */
export type { Diagnostic, Range, Severity } from './core/diagnostics.js';
export { formatDiagnostic } from './core/diagnostics.js';
export { EnvironmentError, SlipwayError, UserError } from './core/errors.js';
export type { Config } from './config/model.js';
export { loadConfig, parseConfig } from './config/load.js';
export type { DockerfileModel, Stage, StageRef } from './dockerfile/model.js';
export { parseDockerfile } from './dockerfile/parse.js';
export { buildOrder, externalImages, leafStages } from './dockerfile/graph.js';
export { discoverBuildClient, type BuildClient } from './engine/client.js';
export { connectEngine } from './engine/connect.js';
export { ensureImages } from './engine/images.js';
export { openProject, selectStages, type Project } from './project/project.js';
export { buildStages, type BuildReport, type StageResult } from './build/run.js';
export { runPipeline, type PipelineReport } from './pipeline/run.js';
