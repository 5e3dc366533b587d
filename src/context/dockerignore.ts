import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Diagnostic, diagnostic, pointRange } from '../core/diagnostics.js';
import { cleanPath } from '../core/filepath-match.js';
import { newPatternMatcher, PathFilter, type PatternMatcher } from './patternmatcher.js';

export interface IgnoreRules {
  /** The ignore file in force, or null when there is none. */
  file: string | null;
  /** The patterns as BuildKit reads them (ignorefile.ReadAll), in order. */
  patterns: string[];
  /** Line of each pattern in the file (1-based), for diagnostics. */
  lines: number[];
  /** null when the file is rejected (see `problem`): BuildKit would refuse to build. */
  matcher: PatternMatcher | null;
  /** Why BuildKit would refuse the file, located at the pattern's line. */
  problem: Diagnostic | null;
  /** Any `!pattern`: an ignored directory may have files re-included, so it cannot be skipped whole. */
  hasNegations: boolean;
}

/**
 * Which ignore file BuildKit's Dockerfile frontend uses: `<Dockerfile>.dockerignore` next to the Dockerfile
 * wins (even if empty); else `.dockerignore` at the context root; else none. `exists` is injectable so a
 * revision's tree can answer instead of the disk.
 */
export function ignoreFileFor(
  dockerfile: string,
  context: string,
  exists: (path: string) => boolean = existsSync,
): string | null {
  const specific = `${dockerfile}.dockerignore`;
  if (exists(specific)) return specific;
  const root = join(context, '.dockerignore');
  return exists(root) ? root : null;
}

/** The ignore rules BuildKit applies to the context of `dockerfile`, read from disk. */
export function loadIgnoreRules(dockerfile: string, context: string): IgnoreRules {
  const file = ignoreFileFor(dockerfile, context);
  const shown = file ? relative(context, file) || file : null;
  return ignoreRules(shown, file ? readFileSync(file, 'utf8') : null);
}

/** Rules from an ignore file's text (null: no ignore file). Total: a bad pattern becomes `problem`. */
export function ignoreRules(file: string | null, text: string | null): IgnoreRules {
  const { patterns, lines } = text === null ? { patterns: [], lines: [] } : readIgnoreFile(text);
  const compiled = newPatternMatcher(patterns);
  const problem = compiled.ok
    ? null
    : diagnostic(
        compiled.error.unsupported ? 'CTX002' : 'CTX001',
        file ?? '.dockerignore',
        pointRange(lines[compiled.error.index] ?? 1),
        compiled.error.unsupported
          ? `pattern '${compiled.error.pattern}': ${compiled.error.message}; slipway cannot tell which files it ignores`
          : `pattern '${compiled.error.pattern}': ${compiled.error.message}; BuildKit refuses this ignore file`,
      );
  return {
    file,
    patterns,
    lines,
    matcher: compiled.ok ? compiled.matcher : null,
    problem,
    hasNegations: patterns.some((p) => p.startsWith('!')),
  };
}

/**
 * moby/patternmatcher's ignorefile.ReadAll: a UTF-8 BOM dropped; a line starting with `#` (in column 1) is a
 * comment; the rest trimmed, blank lines dropped; `!` kept in front of the cleaned pattern; one leading `/`
 * removed (`/a` and `a` are the same pattern).
 */
export function readIgnoreFile(text: string): { patterns: string[]; lines: number[] } {
  const patterns: string[] = [];
  const lines: number[] = [];
  const raw = text.replace(/^\uFEFF/, '').split('\n');
  for (let n = 0; n < raw.length; n++) {
    let p = (raw[n] as string).replace(/\r$/, '');
    if (p.startsWith('#')) continue;
    p = p.trim();
    if (p === '') continue;
    const invert = p.startsWith('!');
    if (invert) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    patterns.push(invert ? `!${p}` : p);
    lines.push(n + 1);
  }
  return { patterns, lines };
}

/** Lines of a .dockerignore as BuildKit reads them (kept for callers that only need the patterns). */
export const parseIgnoreFile = (text: string): string[] => readIgnoreFile(text).patterns;

/**
 * The files of a context that BuildKit sends, from a list of every file (relative, `/`-separated): what the
 * ignore rules do not exclude. With a rejected ignore file, every file (the caller reports `problem`).
 */
export function applyIgnore(files: readonly string[], rules: IgnoreRules): string[] {
  if (!rules.matcher || rules.matcher.patterns.length === 0) return [...files];
  const filter = new PathFilter(rules.matcher);
  return files.filter((f) => !filter.matched(f));
}
