import type { RunRecord } from '../history/record.js';
import { greenBefore } from '../history/store.js';
import type { Plan, Reason } from '../plan/plan-types.js';

/**
 * What the pipeline does with each stage, decided from plain data (no engine, no files): the fingerprints,
 * the images that carry them, the git plan, the history. The engine work follows these decisions.
 */
export interface BuildDecision {
  stage: string;
  fingerprint: string | null;
  /** An image of this fingerprint: adopted, not built. */
  reuse: { id: string; sizeBytes: number } | null;
  reasons: Reason[];
}

export function decideBuilds(
  stages: readonly string[],
  fingerprintOf: (stage: string) => string | null,
  existing: ReadonlyMap<string, { id: string; sizeBytes: number }>,
  plan: Plan | null,
  force: boolean,
): Map<string, BuildDecision> {
  return new Map(
    stages.map((stage) => {
      const fingerprint = fingerprintOf(stage);
      const reuse = !force && fingerprint ? (existing.get(fingerprint) ?? null) : null;
      return [
        stage,
        { stage, fingerprint, reuse, reasons: reasonsOf(plan, stage, reuse ? null : fingerprint, force) },
      ];
    }),
  );
}

/** The plan's reasons for a stage, and the fingerprint's own. */
function reasonsOf(plan: Plan | null, stage: string, buildFp: string | null, force: boolean): Reason[] {
  const fromPlan = plan?.stages.find((s) => s.name === stage)?.reasons ?? [];
  if (force) return [{ kind: 'config', text: '--force: rebuilt and retested' }, ...fromPlan];
  if (plan) return fromPlan;
  return buildFp ? [{ kind: 'no-image', text: `no image has its fingerprint ${buildFp.slice(0, 19)}…` }] : [];
}

/** The run whose pass of this spec on this image stands (null: test it). */
export const testGreen = (
  history: readonly RunRecord[],
  imageId: string,
  specFingerprint: string,
  force: boolean,
): string | null => (force ? null : greenBefore(history, imageId, specFingerprint));

/** Whether the smoke run must run: a new image, --force, or no passed smoke of this image and settings. */
export function smokeNeeded(
  history: readonly RunRecord[],
  o: { imageId: string; settings: string; built: boolean; force: boolean },
): boolean {
  if (o.built || o.force) return true;
  return !history.some(
    (r) => r.smoke?.ok && r.smoke.imageId === o.imageId && r.smoke.settings === o.settings,
  );
}
