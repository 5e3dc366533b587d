import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IgnoreRules } from './dockerignore.js';

/**
 * Files of the build context as BuildKit would send them: relative, `/`-separated, .dockerignore applied.
 * An ignored directory is skipped whole unless a `!` pattern could re-include something inside it.
 */
export function contextFiles(context: string, rules: IgnoreRules): string[] {
  const out: string[] = [];
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
        if (!rules.hasNegations && rules.matcher.ignores(path)) continue;
        walk(join(dir, e.name), path);
      } else if (!rules.matcher.ignores(path)) out.push(path);
    }
  };
  walk(context, '');
  return out;
}
