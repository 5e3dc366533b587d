/**
 * The pure core of `slipway plan`: which stages a change affects, and why. Data in, data out — no
 * filesystem, git or docker (gather.ts collects the inputs). The rules are documented in docs/plan.md and
 * written in reasons.ts: a stage is `build` when its inputs, instructions, ARGs, ignore-file selection, base
 * image or build settings changed, or a stage it depends on is built; `test` when only its spec (or what its
 * test run depends on) changed; `skip` otherwise. When the base cannot be read, everything is built.
 */
import { buildOrder } from '../dockerfile/graph.js';
import type { DockerfileModel, Stage } from '../dockerfile/stage.js';
import {
  GIT_MARKER,
  type Plan,
  type PlanInput,
  type Reason,
  type RevisionView,
  type StagePlan,
} from './plan-types.js';
import { buildReasons, doubt, side, testReasons } from './reasons.js';

export function planStages(input: PlanInput): Plan {
  const { head, base } = input;
  const h = side(head, head.dockerfile.model, head.dockerfile.text);
  const stages = new Map<string, StagePlan>();
  const build = (s: Stage, reasons: Reason[]) => stages.set(s.key, { name: s.key, action: 'build', reasons });
  const everything = doubt(input);
  const b = base as RevisionView;
  const bs = everything
    ? null
    : side(b, (b.dockerfile as { model: DockerfileModel }).model, (b.dockerfile as { text: string }).text);
  // Between two commits the repository's .git differs too (see GIT_MARKER); a working tree keeps HEAD's.
  const changes =
    !input.meta.worktree && input.meta.base && input.meta.base !== input.meta.head
      ? [...input.changes, { path: GIT_MARKER, status: 'M' as const }]
      : input.changes;
  for (const stage of h.model.stages) {
    if (!bs) {
      build(stage, [everything as Reason]);
      continue;
    }
    const reasons = buildReasons(stage, h, bs, changes);
    if (reasons.length) build(stage, reasons);
    else {
      const t = testReasons(stage.key, head, b, input.changes);
      stages.set(stage.key, { name: stage.key, action: t.length ? 'test' : 'skip', reasons: t });
    }
  }
  propagate(h.model, stages);
  return {
    ...input.meta,
    changedFiles: input.changes.length,
    stages: [...stages.values()],
    ...order(h.model, stages),
  };
}

/** Dependencies come before their dependents in the file (BuildKit requires it): one pass propagates builds. */
function propagate(model: DockerfileModel, stages: Map<string, StagePlan>): void {
  for (const stage of model.stages) {
    const deps = stage.dependsOn.filter((d) => stages.get(d)?.action === 'build');
    const plan = stages.get(stage.key);
    if (!deps.length || !plan) continue;
    const reasons = deps
      .filter((d) => !plan.reasons.some((r) => r.kind === 'dependency' && r.stage === d))
      .map((d): Reason => ({ kind: 'dependency', stage: d, text: `depends on ${d}, which is rebuilt` }));
    if (plan.action === 'build') plan.reasons.push(...reasons);
    else stages.set(stage.key, { name: stage.key, action: 'build', reasons });
  }
}

function order(model: DockerfileModel, stages: Map<string, StagePlan>): Pick<Plan, 'buildOrder'> {
  const toBuild = [...stages.values()].filter((s) => s.action === 'build').map((s) => s.name);
  const set = new Set(toBuild);
  return { buildOrder: buildOrder(model, toBuild).filter((k) => set.has(k)) };
}

/**
 * For the pipeline: a diff alone can miss work (the previous pipeline may have failed), so every stage whose
 * fingerprint has no image is built too, with that reason, and what depends on it. Pure: returns a new plan.
 */
export function requireImages(
  plan: Plan,
  model: DockerfileModel,
  missing: Iterable<{ stage: string; fingerprint: string | null }>,
): Plan {
  const stages = new Map(plan.stages.map((s) => [s.name, { ...s, reasons: [...s.reasons] }]));
  for (const { stage, fingerprint } of missing) {
    const s = stages.get(stage);
    if (!s) continue;
    const reason: Reason = {
      kind: 'no-image',
      text: fingerprint
        ? `no image has its fingerprint ${fingerprint.slice(0, 19)}…`
        : 'its fingerprint is unknown (an image id is missing)',
    };
    if (s.action === 'build') s.reasons.push(reason);
    else stages.set(stage, { name: stage, action: 'build', reasons: [reason] });
  }
  propagate(model, stages);
  return { ...plan, stages: [...stages.values()], ...order(model, stages) };
}
