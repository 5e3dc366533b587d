import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { withBudgets } from '../budgets/check.js';
import type { CheckReport, CheckResult } from '../check/check-image.js';
import type { HelperProvider } from '../check/helper-image.js';
import { loadSpecs, targetEnv } from '../check/specs.js';
import type { Role } from '../config/config.js';
import { stageByKey } from '../dockerfile/stage.js';
import type { Spec } from '../gossfile/index.js';
import type { RunRecord, StageRecord } from '../history/record.js';
import { RECORD_SCHEMA } from '../history/record.js';
import { newRecordId, saveRecord } from '../history/store.js';
import type { Plan } from '../plan/plan-types.js';
import type { Project } from '../project/project.js';
import { type SmokeReport, smokeRun } from '../smoke/smoke-run.js';
import { type BuildDeps, stageTag } from '../stages/build-stages.js';
import { type BuildDecision, decideBuilds, smokeNeeded, testGreen } from './decide.js';
import { type GatherOptions, gatherInputs } from './inputs.js';
import { blockedStage } from './records.js';
import { runTasks } from './schedule.js';
import { adoptImage, buildRecorded } from './stage-build.js';
import { stageSpecFingerprint, testStage } from './test-stage.js';

export interface PipelineOptions extends GatherOptions {
  /** Finish the other branches after a failure. */
  keepGoing?: boolean;
  /** Stages at work at once (default 3). */
  concurrency?: number;
  /** How a failed check reads in the record (the CLI passes the terminal's wording). */
  describe?: (r: CheckResult) => string;
  /** True once the run is to stop (a signal): no new stage starts, even with keepGoing. */
  stopped?: () => boolean;
}

export interface PipelineReport {
  ok: boolean;
  roles: Record<Role, string>;
  /** What was done and why, as recorded in the history (docs/run-record.md). */
  record: RunRecord;
  /** Where the record was written. */
  recordFile: string;
  /** Each size budget exceeded, as one line (stage, size, budget, the layers that grew most). */
  budgetFailures: string[];
  /** Container tests run now, in build order (for their failure details). */
  tests: CheckReport[];
  smoke: SmokeReport | null;
  /** Base images that were not local (pulled or made). */
  images: { ref: string; source: string; durationMs: number }[];
  plan: Plan | null;
  durationMs: number;
}

type Deps = BuildDeps & { docker: Docker; session: string; helper: HelperProvider };

interface StageWork {
  record: StageRecord;
  test: CheckReport | null;
}

/**
 * The main job, doing only what a change needs. Each stage has a content fingerprint: a stage whose
 * fingerprint already has an image is not built ("cached"), a test already green for that image and spec
 * is not run again; the git plan adds its reasons. Stages build in dependency order, independent branches at
 * once, each tested as soon as it is built; then the smoke run when its stage was built. One run record is
 * written into the history (`.slipway/runs/`), and JUnit files on request.
 */
export async function runPipeline(
  p: Project,
  deps: Deps,
  opts: PipelineOptions = {},
): Promise<PipelineReport> {
  const t0 = Date.now();
  const startedAt = new Date(t0).toISOString();
  const smoke = p.config.smoke;
  const note = (message: string) => deps.onEvent({ type: 'note', message });
  const { stages, specFiles, specWarnings, session, planned, plan, existing, history } = await gatherInputs(
    p,
    deps,
    opts,
  );
  const fpOf = (stage: string) => session.fingerprints.get(stage)?.fingerprint ?? null;
  const decisions = decideBuilds(stages, fpOf, existing, plan, Boolean(opts.force));

  const tests: CheckReport[] = [];
  const tasks = stages.map((stage) => ({
    key: stage,
    deps: (stageByKey(p.model, stage)?.dependsOn ?? []).filter((d) => stages.includes(d)),
    run: async (): Promise<StageWork> => {
      const d = decisions.get(stage) as BuildDecision;
      const record = d.reuse
        ? await adoptImage(deps.docker, p, stage, d.fingerprint, d.reuse.id, d.reasons)
        : await buildRecorded(session, stage, d.reasons);
      record.fingerprint = d.fingerprint ?? '';
      let test: CheckReport | null = null;
      const file = specFiles.get(stage);
      if (file && record.build.imageId && record.build.status !== 'failed') {
        // `.Env` is the image's own environment (with the stage's test env), as for goss running in it.
        const image = record.build.imageId;
        const env = await targetEnv(deps.docker, image, p.config.test[stage]?.env ?? {});
        const loaded = loadSpecs([file], p.config.root, { env, strict: Boolean(opts.strictSpecs) });
        // What depended on `.Env` was left by the check before the build: its warnings come now.
        for (const d of loaded.warnings) {
          const key = JSON.stringify(d);
          if (specWarnings.has(key)) continue;
          specWarnings.add(key);
          deps.onEvent({ type: 'diagnostic', diagnostic: d });
        }
        const spec = loaded.specs.get(file) as Spec;
        const specFp = stageSpecFingerprint(p, stage, spec);
        const green = testGreen(history, record.build.imageId, specFp, Boolean(opts.force));
        if (green) {
          record.test = {
            ...record.test,
            specFingerprint: specFp,
            status: 'cached',
            because: `green in run ${green}`,
          };
        } else {
          note(`testing ${stageTag(p, stage)} against ${file.slice(p.config.root.length + 1)}`);
          const t = await testStage(deps, p, stage, spec, opts.describe, image);
          tests.push(t.report);
          test = t.report;
          record.test = t.record;
        }
      }
      record.action = actionOf(record);
      return { record, test };
    },
    ok: (w: StageWork) => w.record.build.status !== 'failed' && w.record.test.status !== 'failed',
  }));
  const outcomes = await runTasks(tasks, {
    concurrency: opts.concurrency ?? 3,
    keepGoing: Boolean(opts.keepGoing),
    ...(opts.stopped ? { stopped: opts.stopped } : {}),
  });
  const records: StageRecord[] = stages.map((stage) => {
    const o = outcomes.get(stage);
    if (o?.status === 'done') return o.result.record;
    return blockedStage(stage, fpOf(stage), o?.status === 'skipped' ? o.because : 'not run');
  });
  const allOk = [...outcomes.values()].every((o) => o.status === 'done' && o.ok);

  let smokeReport: SmokeReport | null = null;
  let smokeRecord: RunRecord['smoke'] = null;
  if (smoke) {
    const target = records.find((r) => r.name === smoke.stage);
    const fresh = target?.build.status === 'built';
    const settings = settingsFingerprint(smoke);
    const imageId = target?.build.imageId ?? null;
    const needed =
      imageId !== null &&
      smokeNeeded(history, { imageId, settings, built: fresh, force: Boolean(opts.force) });
    if (allOk && target?.build.imageId && needed) {
      note(`smoke-running ${stageTag(p, smoke.stage)}`);
      smokeReport = await smokeRun(deps.docker, stageTag(p, smoke.stage), smoke, deps.session);
      smokeRecord = {
        stage: smoke.stage,
        imageId: target.build.imageId,
        settings,
        ok: smokeReport.ok,
        steps: smokeReport.steps.map((s) => ({ step: s.step, ok: s.ok, message: s.message })),
      };
    } else if (allOk && target?.build.imageId) {
      smokeRecord = {
        stage: smoke.stage,
        imageId: target.build.imageId,
        settings,
        ok: true,
        steps: [],
        cached: true,
      };
    }
  }
  const ran: RunRecord = {
    schema: RECORD_SCHEMA,
    id: newRecordId(new Date(t0)),
    kind: 'pipeline',
    startedAt,
    durationMs: Date.now() - t0,
    ok: allOk && (smokeReport?.ok ?? true),
    source: {
      revision: session.src.revision,
      branch: planned.branch,
      dirty: plan ? plan.changedFiles > 0 && plan.worktree : false,
    },
    plan: plan ? { base: plan.base, head: plan.head, buildOrder: plan.buildOrder } : null,
    stages: records,
    smoke: smokeRecord,
  };
  // Size budgets are assertions: exceeding one fails the run, naming the layers that grew most.
  const { record, failures: budgetFailures } = withBudgets(ran, history, p.config.budgets);
  const ok = record.ok;
  const recordFile = saveRecord(p.config.root, record);
  return {
    ok,
    roles: p.config.roles,
    record,
    recordFile,
    budgetFailures,
    tests,
    smoke: smokeReport,
    images: session.images.filter((i) => i.source !== 'local'),
    plan,
    durationMs: Date.now() - t0,
  };
}

/** What a stage's record says it was: built (or failed to), only tested, or skipped as cached and green. */
function actionOf(r: StageRecord): StageRecord['action'] {
  if (r.build.status === 'built' || r.build.status === 'failed') return 'build';
  return r.test.status === 'passed' || r.test.status === 'failed' ? 'test' : 'skip';
}

/** The smoke settings as a hash: a smoke run passed before counts only for the same image and steps. */
const settingsFingerprint = (smoke: unknown): string =>
  `sha256:${createHash('sha256').update(JSON.stringify(smoke)).digest('hex')}`;
