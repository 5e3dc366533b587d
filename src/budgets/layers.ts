import type { LayerGrowth, LayerRecord } from '../history/record.js';

/** An instruction as written by the engine, without what changes on every build (digests, BuildKit's tag). */
export const layerKey = (instruction: string): string =>
  instruction
    .replace(/\s*#\s*buildkit\s*$/, '')
    .replace(/\b(file|dir|sha256):[0-9a-f]{12,}/g, '$1:…')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Each layer against the previous run's layer of the same instruction (matched in order, each used once):
 * a layer without one is new (previous 0). Without a previous layer list every layer is new.
 */
export function layerGrowth(
  current: readonly LayerRecord[],
  previous: readonly LayerRecord[],
): LayerGrowth[] {
  const left = previous.map((l) => ({ key: layerKey(l.instruction), size: l.sizeBytes, used: false }));
  return current.map((l) => {
    const key = layerKey(l.instruction);
    const match = left.find((p) => !p.used && p.key === key);
    if (match) match.used = true;
    const previousBytes = match?.size ?? 0;
    return {
      instruction: l.instruction,
      sizeBytes: l.sizeBytes,
      previousBytes,
      deltaBytes: l.sizeBytes - previousBytes,
    };
  });
}

/** The layers that grew most (positive growth only), largest growth first. */
export const grewMost = (growth: readonly LayerGrowth[], n = 3): LayerGrowth[] =>
  growth
    .filter((g) => g.deltaBytes > 0)
    .sort((a, b) => b.deltaBytes - a.deltaBytes)
    .slice(0, n);
