import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { IgnoreRules } from './dockerignore.js';
import { PathFilter } from './patternmatcher.js';

/**
 * Files of the build context as BuildKit would send them: relative, `/`-separated, the ignore rules applied
 * as its walk applies them (each directory's pattern results inherited by its entries). An excluded
 * directory is skipped whole unless a `!` pattern could re-include something inside it.
 */
export function contextFiles(context: string, rules: IgnoreRules): string[] {
  return contextTree(context, rules).files;
}

/** The context's files and, for its symbolic links, their targets (COPY follows them). */
export function contextTree(
  context: string,
  rules: IgnoreRules,
): { files: string[]; symlinks: Map<string, string> } {
  const out: string[] = [];
  const symlinks = new Map<string, string>();
  const filter = rules.matcher?.patterns.length ? new PathFilter(rules.matcher) : null;
  const walk = (dir: string, rel: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (filter && !rules.hasNegations && filter.matched(path)) continue;
        walk(join(dir, e.name), path);
      } else if (!filter?.matched(path)) {
        out.push(path);
        if (e.isSymbolicLink()) {
          try {
            symlinks.set(path, readlinkSync(join(dir, e.name)));
          } catch {
            /* vanished: a plain entry */
          }
        }
      }
    }
  };
  walk(context, '');
  return { files: out, symlinks };
}
