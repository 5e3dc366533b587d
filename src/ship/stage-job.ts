import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { CheckReport, CheckResult } from '../check/check-image.js';
import type { HelperProvider } from '../check/helper-image.js';
import { loadSpecs, specFileOf, targetEnv } from '../check/specs.js';
import { EnvironmentError } from '../core/errors.js';
import { buildOrder } from '../dockerfile/graph.js';
import { pull, push, type RegistryClient, remoteDigest } from '../engine/registry.js';
import { RECORD_SCHEMA, type RunRecord, type StageRecord } from '../history/record.js';
import { newRecordId } from '../history/store.js';
import { adoptImage, buildRecorded } from '../pipeline/stage-build.js';
import { testStage } from '../pipeline/test-stage.js';
import type { Reason } from '../plan/plan-types.js';
import type { Project } from '../project/project.js';
import { type SmokeReport, smokeRun } from '../smoke/smoke-run.js';
import { type BuildDeps, openBuildSession, stageTag } from '../stages/build-stages.js';
import type { CiContext } from './ci-context.js';
import { branchTag, commitTag, fingerprintTag } from './tags.js';

export interface StageJobOptions {
  stage: string;
  /** What the plan gave the stage: `build`, or `test` (only retested: its image is pulled by fingerprint). */
  action: 'build' | 'test';
  reasons: Reason[];
  registry: string;
  /** False where the token is read-only (a fork's pull request): build and test, push nothing. */
  push: boolean;
  /** The weekly rebuild: no build cache, and the fingerprint tag is replaced by the fresh build. */
  rebuildAll: boolean;
  /** The default branch, whose moving tag is the second cache source. */
  defaultBranch: string;
  ci: CiContext;
  describe?: (r: CheckResult) => string;
}

export interface StageJobResult {
  ok: boolean;
  record: RunRecord;
  test: CheckReport | null;
  smoke: SmokeReport | null;
  /** `registry@sha256:…` of what was pushed, or null. */
  pushed: string | null;
  notes: string[];
}

type Deps = BuildDeps & { docker: Docker; session: string; helper: HelperProvider };

/**
 * `slipway ci job STAGE`: one stage on a fresh CI machine, images and build cache through the registry.
 * An image of the stage's fingerprint already in the registry is pulled (a retest, or a rerun: nothing is
 * built or pushed twice); otherwise the stage is built with `--cache-from` the registry's images of it and of
 * the stages it stands on (inline cache), so what an earlier job built is never built again. Then its spec is
 * tested; only a passing image is pushed: the fingerprint tag (proof of the pass), the commit tag, and the
 * branch's moving tag last.
 */
export async function stageJob(p: Project, deps: Deps, o: StageJobOptions): Promise<StageJobResult> {
  const t0 = Date.now();
  const notes: string[] = [];
  const note = (m: string) => {
    notes.push(m);
    deps.onEvent({ type: 'note', message: m });
  };
  const rc: RegistryClient = { bin: deps.client.bin, env: deps.client.env };
  const specFile = specFileOf(p.config.root, p.config.specs, o.stage);
  loadSpecs(specFile ? [specFile] : [], p.config.root);
  const order = buildOrder(p.model, [o.stage]);
  const session = await openBuildSession(p, order, deps, { noCache: o.rebuildAll });
  const fpOf = (s: string) => session.fingerprints.get(s)?.fingerprint ?? null;
  const fp = fpOf(o.stage);
  const at = (tag: string) => `${o.registry}:${tag}`;
  const fpRef = fp ? at(fingerprintTag(o.stage, fp)) : null;

  const there = fpRef && !o.rebuildAll ? await remoteDigest(rc, fpRef) : null;
  let record: StageRecord;
  if (there && fpRef) {
    note(`${fpRef} is in the registry: pulling it instead of building`);
    await pull(rc, fpRef);
    record = await adoptImage(deps.docker, p, o.stage, fp, fpRef, o.reasons);
  } else {
    if (o.action === 'test')
      note(`no image of fingerprint ${fp?.slice(7, 19)}… in the registry: building it`);
    const cacheFrom = await existing(rc, [
      ...branchRefs(o.stage),
      ...order
        .filter((s) => s !== o.stage)
        .flatMap((s) => [fpOf(s) ? at(fingerprintTag(s, fpOf(s) as string)) : null, ...branchRefs(s)]),
    ]);
    if (cacheFrom.length) note(`build cache from ${cacheFrom.join(', ')}`);
    record = await buildRecorded(session, o.stage, o.reasons, {
      cacheFrom,
      // The Docker 20.10 client exports only inline cache: every pushed image carries its own.
      buildArgs: { BUILDKIT_INLINE_CACHE: '1' },
    });
  }

  let test: CheckReport | null = null;
  const spec =
    specFile && record.build.imageId && record.build.status !== 'failed'
      ? loadSpecs([specFile], p.config.root, {
          env: await targetEnv(deps.docker, stageTag(p, o.stage), p.config.test[o.stage]?.env ?? {}),
        }).specs.get(specFile)
      : undefined;
  if (spec && record.build.imageId && record.build.status !== 'failed') {
    const t = await testStage(deps, p, o.stage, spec, o.describe);
    test = t.report;
    record.test = t.record;
  }
  record.action = record.build.status === 'cached' ? 'test' : 'build';
  let ok = record.build.status !== 'failed' && record.test.status !== 'failed';
  // The smoke run belongs to its stage's job (the machine runs the image, port on 127.0.0.1 only).
  let smoke: SmokeReport | null = null;
  const cfg = p.config.smoke;
  if (ok && cfg?.stage === o.stage && record.build.imageId) {
    note(`smoke-running ${stageTag(p, o.stage)}`);
    smoke = await smokeRun(deps.docker, stageTag(p, o.stage), cfg, deps.session);
    ok = smoke.ok;
  }

  let pushed: string | null = null;
  if (ok && fpRef) {
    if (!o.push) note(`not pushed: ${o.registry} is read-only for this run (SLIPWAY_PUSH=false)`);
    else pushed = await publishStage(deps.docker, rc, p, o, fpRef, Boolean(there));
  }
  if (pushed) record.shipped = { registry: o.registry, digest: pushed.split('@')[1] ?? '', ref: fpRef ?? '' };
  const run: RunRecord = {
    schema: RECORD_SCHEMA,
    id: newRecordId(new Date(t0)),
    kind: 'ci-job',
    startedAt: new Date(t0).toISOString(),
    durationMs: Date.now() - t0,
    ok,
    source: { revision: o.ci.sha, branch: o.ci.branch, dirty: false },
    plan: null,
    stages: [record],
    smoke:
      smoke && record.build.imageId
        ? {
            stage: o.stage,
            imageId: record.build.imageId,
            settings: '',
            ok: smoke.ok,
            steps: smoke.steps.map((s) => ({ step: s.step, ok: s.ok, message: s.message })),
          }
        : null,
  };
  return { ok, record: run, test, smoke, pushed, notes };

  function branchRefs(stage: string): string[] {
    const branches = [o.ci.branch, o.defaultBranch].filter((b): b is string => Boolean(b));
    return [...new Set(branches)].map((b) => at(branchTag(stage, b)));
  }
}

/** Immutable tags first (the fingerprint — unless it is there already — and the commit), the moving one last. */
async function publishStage(
  docker: Docker,
  rc: RegistryClient,
  p: Project,
  o: StageJobOptions,
  fpRef: string,
  fpThere: boolean,
): Promise<string> {
  const local = stageTag(p, o.stage);
  const immutable = [
    ...(fpThere ? [] : [fpRef]),
    ...(o.ci.sha ? [`${o.registry}:${commitTag(o.stage, o.ci.sha)}`] : []),
  ];
  const moving = o.ci.branch ? [`${o.registry}:${branchTag(o.stage, o.ci.branch)}`] : [];
  let digest: string | null = null;
  for (const ref of [...immutable, ...moving]) {
    await retag(docker, local, ref);
    digest = await push(rc, ref);
  }
  if (!digest) {
    const d = await remoteDigest(rc, fpRef);
    if (!d) throw new EnvironmentError(`${fpRef} vanished from the registry`);
    digest = d;
  }
  return `${o.registry}@${digest}`;
}

async function existing(rc: RegistryClient, refs: readonly (string | null)[]): Promise<string[]> {
  const wanted = [...new Set(refs.filter((r): r is string => Boolean(r)))];
  const found = await Promise.all(wanted.map((r) => remoteDigest(rc, r).catch(() => null)));
  return wanted.filter((_, i) => found[i]);
}

async function retag(docker: Docker, from: string, to: string): Promise<void> {
  const i = to.lastIndexOf(':');
  await docker.getImage(from).tag({ repo: to.slice(0, i), tag: to.slice(i + 1) });
}

/** Writes the job's part of the run record where the CI carries it from (an artifact, the workspace). */
export function writeJobRecord(dir: string, stage: string, record: RunRecord): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${stage.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}
