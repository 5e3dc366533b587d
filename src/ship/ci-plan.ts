import type Docker from 'dockerode';
import type { Env } from '../ci/event.js';
import { buildOrder } from '../dockerfile/graph.js';
import { remoteDigest } from '../engine/registry.js';
import { planRepository } from '../plan/index.js';
import { requireImages } from '../plan/plan.js';
import type { Plan, Reason } from '../plan/plan-types.js';
import type { Project } from '../project/project.js';
import { type BuildDeps, openBuildSession } from '../stages/build-stages.js';
import { fingerprintTag } from './tags.js';

/** The plan a CI run follows: the git plan, plus every stage whose fingerprint has no image in the registry. */
export interface CiRunPlan extends Plan {
  /** Each stage's fingerprint, as the stage jobs will compute it (null: an image id was unknown). */
  fingerprints: Record<string, string | null>;
  registry: string;
}

/**
 * `slipway ci plan`: the plan for this CI event (its base from `base`, else the CI's own variables), every
 * stage `build` with `rebuildAll` (the weekly rebuild), and `build` for every named stage whose
 * `STAGE-fp-<fingerprint>` tag is not in the registry — a diff alone misses work a failed run left undone.
 */
export async function ciPlan(
  p: Project,
  deps: BuildDeps & { docker: Docker },
  o: { registry: string; base: string | null; rebuildAll: boolean; env: Env },
): Promise<CiRunPlan> {
  const stages = p.model.stages.map((s) => s.key);
  const [{ plan: planned }, session] = await Promise.all([
    planRepository({
      cwd: p.config.root,
      ...(p.config.file ? { configFile: p.config.file } : {}),
      dockerfile: p.config.dockerfile,
      buildArgs: p.given.buildArgs,
      ...(o.base ? { base: o.base } : {}),
      env: o.env,
    }),
    openBuildSession(p, stages, deps),
  ]);
  const plan = o.rebuildAll ? everything(planned, buildOrder(p.model, stages)) : planned;
  const fingerprints = Object.fromEntries(
    stages.map((s) => [s, session.fingerprints.get(s)?.fingerprint ?? null]),
  );
  const registry = { bin: deps.client.bin, env: deps.client.env };
  const named = p.model.stages.filter((s) => s.name !== null).map((s) => s.key);
  const missing = (
    await Promise.all(
      named.map(async (stage) => {
        const fp = fingerprints[stage] ?? null;
        const there = fp ? await remoteDigest(registry, `${o.registry}:${fingerprintTag(stage, fp)}`) : null;
        return there ? null : { stage, fingerprint: fp };
      }),
    )
  ).filter((m) => m !== null);
  return { ...requireImages(plan, p.model, missing), fingerprints, registry: o.registry };
}

/** The weekly rebuild (or a manual one asked for): every stage is built, whatever the diff says. */
function everything(plan: Plan, order: string[]): Plan {
  const reason: Reason = {
    kind: 'base-image',
    text: 'every stage is rebuilt (SLIPWAY_REBUILD_ALL: the scheduled rebuild picks up base-image and package updates)',
  };
  return {
    ...plan,
    stages: plan.stages.map((s) => ({ ...s, action: 'build', reasons: [reason, ...s.reasons] })),
    buildOrder: order,
  };
}
