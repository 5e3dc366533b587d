import type Docker from 'dockerode';
import { type BuildDeps, type BuildOptions, type BuildReport, buildStages, stageTag } from '../build/run.js';
import type { Role } from '../config/model.js';
import { UserError } from '../core/errors.js';
import type { Project } from '../project/project.js';
import { type SmokeReport, smokeRun } from '../smoke/run.js';

export interface PipelineReport {
  ok: boolean;
  /** The stages playing the hierarchy's roles (from config), for the summary. */
  roles: Record<Role, string>;
  build: BuildReport;
  smoke: SmokeReport | null;
  durationMs: number;
}

/** The main job: build every stage, then smoke-run the configured stage's image. */
export async function runPipeline(
  p: Project,
  deps: BuildDeps & { docker: Docker; session: string },
  opts: BuildOptions = {},
): Promise<PipelineReport> {
  const t0 = Date.now();
  const smoke = p.config.smoke;
  if (smoke && !p.model.stages.some((s) => s.key === smoke.stage)) {
    throw new UserError(`smoke.stage '${smoke.stage}' is not a stage of ${p.model.file}`, {
      hint: `stages: ${p.model.stages.map((s) => s.key).join(', ')}`,
    });
  }
  const build = await buildStages(
    p,
    p.model.stages.map((s) => s.key),
    deps,
    opts,
  );
  let smokeReport: SmokeReport | null = null;
  if (build.ok && smoke) {
    deps.onEvent({ type: 'note', message: `smoke-running ${stageTag(p, smoke.stage)}` });
    smokeReport = await smokeRun(deps.docker, stageTag(p, smoke.stage), smoke, deps.session);
  }
  return {
    ok: build.ok && (smokeReport?.ok ?? true),
    roles: p.config.roles,
    build,
    smoke: smokeReport,
    durationMs: Date.now() - t0,
  };
}
