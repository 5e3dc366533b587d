/**
 * Go's `filepath.Glob`, which goss uses to expand `gossfile:` includes: the pattern is split at its last `/`;
 * the directory part is globbed the same way when it holds meta characters; each name in a directory is
 * matched with Go's `filepath.Match` (core/filepath-match.ts: `*`, `?`, `[...]`/`[^...]`, `\` escapes, no `**`,
 * dot files like any other), results sorted per directory and joined with Go's `filepath.Join` (cleaned).
 * A pattern without meta characters matches itself if it exists. A malformed pattern matches nothing;
 * `globError` says why (goss stops with ErrBadPattern).
 */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { cleanPath, compilePattern, hasMeta } from '../core/filepath-match.js';

export { hasMeta };

/** Go's ErrBadPattern for this pattern, with what is wrong, or null when it is well-formed. */
export function globError(pattern: string): string | null {
  const c = compilePattern(pattern);
  return c.ok ? null : `syntax error in pattern: ${c.error.message}`;
}

export function glob(pattern: string): string[] {
  if (globError(pattern)) return [];
  if (!hasMeta(pattern)) return exists(pattern) ? [pattern] : [];
  const slash = pattern.lastIndexOf('/');
  const rawDir = slash < 0 ? '' : pattern.slice(0, slash + 1);
  const dir = rawDir === '' ? '.' : rawDir === '/' ? '/' : rawDir.slice(0, -1);
  const file = compilePattern(pattern.slice(slash + 1));
  const dirs = hasMeta(dir) ? (dir === pattern ? [] : glob(dir)) : [dir];
  const out: string[] = [];
  for (const d of dirs) {
    let names: string[];
    try {
      if (!statSync(d).isDirectory()) continue;
      names = readdirSync(d).sort();
    } catch {
      continue;
    }
    for (const n of names) if (file.match(n)) out.push(cleanPath(`${d}/${n}`));
  }
  return out;
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return existsSync(p);
  }
}
