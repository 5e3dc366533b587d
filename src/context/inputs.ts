import type { ContextSource } from '../dockerfile/context-sources.js';
import { type ContextIndex, selectSource } from './sources.js';

/**
 * For each stage key: the context files it reads (its COPY/ADD sources and bind mounts), after the ignore
 * file, selected as BuildKit selects them (see sources.ts). Each distinct source is resolved once.
 */
export function stageInputFiles(
  sources: ReadonlyMap<string, readonly ContextSource[]>,
  ctx: ContextIndex,
): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  const files = (s: ContextSource): string[] => {
    const key = JSON.stringify([s.kind, s.source, s.parents, s.exclude]);
    let hit = bySource.get(key);
    if (!hit) {
      hit = selectSource(ctx, s);
      bySource.set(key, hit);
    }
    return hit;
  };
  const out = new Map<string, string[]>();
  for (const [stage, list] of sources) {
    if (list.length === 1) out.set(stage, files(list[0] as ContextSource));
    else out.set(stage, [...new Set(list.flatMap(files))].sort());
  }
  return out;
}
