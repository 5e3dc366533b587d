import type { DockerfileModel } from '../dockerfile/model.js';
import { literalPrefix, sourceMatcher } from './glob.js';

/**
 * For each stage key: the context files it reads (COPY/ADD sources and bind mounts), after .dockerignore.
 * Each distinct pattern is matched once, and only against the files that share its literal directory prefix
 * (a binary search in the sorted file list), so the cost grows with matches, not stages × files.
 */
export function stageInputFiles(model: DockerfileModel, files: readonly string[]): Map<string, string[]> {
  const sorted = [...files].sort(byCodeUnit);
  const byPattern = new Map<string, string[]>();
  const matched = (pattern: string): string[] => {
    let hit = byPattern.get(pattern);
    if (!hit) {
      const m = sourceMatcher(pattern);
      const prefix = literalPrefix(pattern);
      hit = [];
      for (
        let i = lowerBound(sorted, prefix);
        i < sorted.length && (sorted[i] as string).startsWith(prefix);
        i++
      ) {
        if (m.matches(sorted[i] as string)) hit.push(sorted[i] as string);
      }
      byPattern.set(pattern, hit);
    }
    return hit;
  };
  const out = new Map<string, string[]>();
  for (const stage of model.stages) {
    const patterns = [...new Set(stage.inputs.filter((i) => i.kind === 'context').map((i) => i.pattern))];
    const union = new Set(patterns.flatMap(matched));
    out.set(stage.key, patterns.length > 1 ? [...union].sort(byCodeUnit) : [...union]);
  }
  return out;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function lowerBound(xs: readonly string[], key: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
