/**
 * moby/patternmatcher, the matcher BuildKit applies to `.dockerignore` patterns (and to COPY `--exclude` and
 * `--parents` patterns), with the same results:
 * - each pattern is trimmed and cleaned as Go's `filepath.Clean` (`./a/` → `a`, `a/../b` → `b`); a leading `!`
 *   makes it an exclusion (a re-inclusion, in .dockerignore terms); a lone `!` is an error;
 * - the pattern must be valid for Go's `filepath.Match`, else the whole list is rejected;
 * - `**` matches any number of directories (zero included); `*` and `?` stop at `/`; `\` escapes; `[`, `]`
 *   and `^` go through to Go's regexp as written (see re2.ts); a trailing `**` matches everything below;
 * - a path matches when the pattern matches it or one of its parent directories;
 * - patterns apply in order: an inclusion is only tried while the path is unmatched, an exclusion only
 *   while it is matched (`!` can re-include a file under an excluded directory).
 *
 * `MatchesUsingParentResults` (what BuildKit's context walk uses) carries each pattern's result for the
 * parent directory down the tree instead of re-matching parents; `PathFilter` below walks a file list that way.
 */
import { cleanPath, compilePattern } from '../core/filepath-match.js';
import { compileRe2 } from './re2.js';

export interface Pattern {
  /** The pattern after cleaning, without its `!`. */
  text: string;
  exclusion: boolean;
  /** Index in the list given to `newPatternMatcher` (blank entries are dropped, as Go does). */
  index: number;
  test: (path: string) => boolean;
}

export interface PatternMatcher {
  patterns: Pattern[];
  /** Any exclusion (`!`) pattern. */
  exclusions: boolean;
}

export interface PatternError {
  /** Index in the given list. */
  index: number;
  pattern: string;
  message: string;
  /** The pattern uses an RE2 feature slipway does not translate (a Unicode class): not Docker's error. */
  unsupported?: boolean;
}

/** patternmatcher.New: compiles every pattern or reports the first bad one (BuildKit refuses the file). */
export function newPatternMatcher(
  list: readonly string[],
): { ok: true; matcher: PatternMatcher } | { ok: false; error: PatternError } {
  const patterns: Pattern[] = [];
  for (let index = 0; index < list.length; index++) {
    let p = (list[index] as string).trim();
    if (p === '') continue;
    p = cleanPath(p);
    let exclusion = false;
    if (p.startsWith('!')) {
      if (p.length === 1)
        return { ok: false, error: { index, pattern: p, message: 'illegal exclusion pattern: "!"' } };
      exclusion = true;
      p = p.slice(1);
    }
    const syntax = compilePattern(p);
    if (!syntax.ok)
      return {
        ok: false,
        error: { index, pattern: p, message: `syntax error in pattern: ${syntax.error.message}` },
      };
    const test = compileOne(p);
    if (typeof test !== 'function') return { ok: false, error: { index, pattern: p, ...test } };
    patterns.push({ text: p, exclusion, index, test });
  }
  return { ok: true, matcher: { patterns, exclusions: patterns.some((p) => p.exclusion) } };
}

const ESCAPED = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** Pattern.compile: an exact, prefix or suffix comparison when it can be one, else a regexp. */
function compileOne(p: string): ((path: string) => boolean) | { message: string; unsupported?: boolean } {
  type Kind = 'exact' | 'prefix' | 'suffix' | 'regexp';
  let kind: Kind = 'exact';
  let re = '^';
  const chars = [...p];
  for (let i = 0, step = 0; i < chars.length; i++, step++) {
    const ch = chars[i] as string;
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (kind === 'exact') kind = 'prefix';
          else {
            re += '.*';
            kind = 'regexp';
          }
        } else {
          re += '(.*/)?';
          kind = 'regexp';
        }
        if (step === 0) kind = 'suffix';
      } else {
        re += '[^/]*';
        kind = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      kind = 'regexp';
    } else if (ESCAPED.has(ch)) re += `\\${ch}`;
    else if (ch === '\\') {
      if (i + 1 < chars.length) {
        re += `\\${chars[++i]}`;
        kind = 'regexp';
      } else re += '\\';
    } else if (ch === '[' || ch === ']') {
      re += ch;
      kind = 'regexp';
    } else re += ch;
  }
  if (kind === 'exact') return (path) => path === p;
  if (kind === 'prefix') {
    const prefix = p.slice(0, -2);
    return (path) => path.startsWith(prefix);
  }
  if (kind === 'suffix') {
    const suffix = p.slice(2);
    return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
  }
  const compiled = compileRe2(`${re}$`);
  if (!compiled.ok)
    return {
      message: `syntax error in pattern: ${compiled.message}`,
      ...(compiled.unsupported ? { unsupported: true } : {}),
    };
  const rx = compiled.re;
  return (path) => rx.test(path);
}

/** Per-pattern results for a directory, handed to its children (patternmatcher.MatchInfo). */
export type MatchInfo = readonly boolean[] | null;

/** patternmatcher.MatchesUsingParentResults: whether `file` is matched, and the info for its children. */
export function matchesUsingParentResults(
  pm: PatternMatcher,
  file: string,
  parent: MatchInfo,
): { matched: boolean; info: boolean[] } {
  let matched = false;
  const info = new Array<boolean>(pm.patterns.length).fill(false);
  for (let i = 0; i < pm.patterns.length; i++) {
    const pattern = pm.patterns[i] as Pattern;
    let match = parent ? (parent[i] as boolean) : false;
    if (!match) {
      if (pattern.exclusion !== matched) continue;
      match = pattern.test(file);
      if (!match && !parent) match = anyParentMatches(pattern, file);
    }
    info[i] = match;
    if (match) matched = !pattern.exclusion;
  }
  return { matched, info };
}

/** patternmatcher.MatchesOrParentMatches: every parent directory re-matched against each pattern. */
export function matchesOrParentMatches(pm: PatternMatcher, file: string): boolean {
  let matched = false;
  for (const pattern of pm.patterns) {
    if (pattern.exclusion !== matched) continue;
    if (pattern.test(file) || anyParentMatches(pattern, file)) matched = !pattern.exclusion;
  }
  return matched;
}

function anyParentMatches(pattern: Pattern, file: string): boolean {
  for (let s = file.indexOf('/'); s >= 0; s = file.indexOf('/', s + 1))
    if (pattern.test(file.slice(0, s))) return true;
  return false;
}

/**
 * Applies a matcher to paths as BuildKit's walk does: each directory's per-pattern results are computed once
 * (from its parent's) and inherited by everything below it. `matched(path)` for files and directories alike.
 */
export class PathFilter {
  private readonly dirs = new Map<string, boolean[]>();
  constructor(readonly matcher: PatternMatcher) {}

  matched(path: string): boolean {
    if (this.matcher.patterns.length === 0) return false;
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? null : this.dirInfo(path.slice(0, slash));
    return matchesUsingParentResults(this.matcher, path, parent).matched;
  }

  private dirInfo(dir: string): boolean[] {
    let info = this.dirs.get(dir);
    if (!info) {
      const slash = dir.lastIndexOf('/');
      const parent = slash < 0 ? null : this.dirInfo(dir.slice(0, slash));
      info = matchesUsingParentResults(this.matcher, dir, parent).info;
      this.dirs.set(dir, info);
    }
    return info;
  }
}
