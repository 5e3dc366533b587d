import type Docker from 'dockerode';
import { type BuildDeps, type BuildOptions, type BuildReport, buildStages, stageTag } from '../build/run.js';
import type { HelperProvider } from '../check/helper-image.js';
import { type CheckReport, checkImage } from '../check/run.js';
import { loadSpecs, specFileOf } from '../check/specs.js';
import type { Role } from '../config/model.js';
import { UserError } from '../core/errors.js';
import type { Project } from '../project/project.js';
import { type SmokeReport, smokeRun } from '../smoke/run.js';

export interface PipelineReport {
  ok: boolean;
  /** The stages playing the hierarchy's roles (from config), for the summary. */
  roles: Record<Role, string>;
  build: BuildReport;
  /** Container tests of each stage with a spec, in build order; stops at the first failing one. */
  tests: CheckReport[];
  smoke: SmokeReport | null;
  durationMs: number;
}

/**
 * The main job: build every stage, test each stage that has a container spec against its image (stopping at
 * the first failing spec), then smoke-run the configured stage's image.
 */
export async function runPipeline(
  p: Project,
  deps: BuildDeps & { docker: Docker; session: string; helper: HelperProvider },
  opts: BuildOptions & { strictSpecs?: boolean } = {},
): Promise<PipelineReport> {
  const t0 = Date.now();
  const smoke = p.config.smoke;
  if (smoke && !p.model.stages.some((s) => s.key === smoke.stage)) {
    throw new UserError(`smoke.stage '${smoke.stage}' is not a stage of ${p.model.file}`, {
      hint: `stages: ${p.model.stages.map((s) => s.key).join(', ')}`,
    });
  }
  const specFiles = new Map(
    p.model.stages.flatMap((s) => {
      const f = specFileOf(p.config.root, p.config.specs, s.key);
      return f ? [[s.key, f] as const] : [];
    }),
  );
  // Every spec is read and validated before anything is built: a typo fails in a second, not after the build.
  const { specs, warnings } = loadSpecs([...specFiles.values()], p.config.root, {
    strict: Boolean(opts.strictSpecs),
  });
  for (const d of warnings) deps.onEvent({ type: 'diagnostic', diagnostic: d });
  const build = await buildStages(
    p,
    p.model.stages.map((s) => s.key),
    deps,
    opts,
  );
  const tests: CheckReport[] = [];
  if (build.ok) {
    for (const [stage, file] of specFiles) {
      deps.onEvent({
        type: 'note',
        message: `testing ${stageTag(p, stage)} against ${file.slice(p.config.root.length + 1)}`,
      });
      const report = await checkImage(
        deps.docker,
        deps.helper,
        stageTag(p, stage),
        stage,
        specs.get(file) as NonNullable<ReturnType<typeof specs.get>>,
        {
          session: deps.session,
          ...(p.config.test[stage] ? { run: p.config.test[stage] } : {}),
        },
      );
      tests.push(report);
      if (!report.ok) break;
    }
  }
  const testsOk = tests.every((t) => t.ok);
  let smokeReport: SmokeReport | null = null;
  if (build.ok && testsOk && smoke) {
    deps.onEvent({ type: 'note', message: `smoke-running ${stageTag(p, smoke.stage)}` });
    smokeReport = await smokeRun(deps.docker, stageTag(p, smoke.stage), smoke, deps.session);
  }
  return {
    ok: build.ok && testsOk && (smokeReport?.ok ?? true),
    roles: p.config.roles,
    build,
    tests,
    smoke: smokeReport,
    durationMs: Date.now() - t0,
  };
}
