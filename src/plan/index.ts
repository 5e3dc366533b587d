/**
 * `plan/`: which stages a change affects (`planStages`, pure), the content fingerprints that let the pipeline
 * skip what is already built and green (`stageFingerprints`, `specFingerprint`, pure), and the thin shell
 * that reads git for them (`planRepository`, `planWorkingTree`).
 */
import type { StageFingerprint } from './fingerprint.js';
import { stageFingerprints } from './fingerprint.js';
import { type Gathered, type GatherOptions, gatherPlanInput } from './gather.js';
import { planStages } from './plan.js';
import type { Plan } from './plan-types.js';
import { worktreeFileIds } from './worktree-ids.js';

export { type BaseChoice, chooseBase } from './ci-base.js';
export {
  type FileId,
  type FingerprintInput,
  type SpecFingerprintInput,
  type StageFingerprint,
  specFingerprint,
  stageFingerprints,
} from './fingerprint.js';
export type { Gathered, GatherOptions } from './gather.js';
export { gatherPlanInput } from './gather.js';
export { planStages, requireImages } from './plan.js';
export type * from './plan-types.js';

/** `slipway plan`: gather both revisions and plan. */
export async function planRepository(o: GatherOptions): Promise<{ plan: Plan; gathered: Gathered }> {
  const gathered = await gatherPlanInput(o);
  return { plan: planStages(gathered.input), gathered };
}

/**
 * For the pipeline: the plan of the working tree against its base (`o.base`, else what the CI or the default
 * branch gives) and each stage's fingerprint over the files as they are on disk. `images` maps each external
 * image reference the stages use to its digest or image ID (the engine knows them); a stage whose images
 * are not all known gets a null fingerprint.
 */
export async function planWorkingTree(
  o: Omit<GatherOptions, 'worktree' | 'head'>,
  images: Readonly<Record<string, string>>,
): Promise<{ plan: Plan; fingerprints: Map<string, StageFingerprint>; gathered: Gathered }> {
  const gathered = await gatherPlanInput({ ...o, worktree: true });
  const { view, model, config } = gathered.headView;
  const dockerfile = view.dockerfile as { text: string };
  const disk = await worktreeFileIds(gathered.git, view.context, view.ignore);
  const fingerprints = stageFingerprints({
    model: model as NonNullable<typeof model>,
    text: dockerfile.text,
    buildArgs: config?.buildArgs ?? {},
    ignore: view.ignore,
    files: disk.files,
    fileId: disk.fileId,
    symlinks: disk.symlinks,
    images,
  });
  return { plan: planStages(gathered.input), fingerprints, gathered };
}
