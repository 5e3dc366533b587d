/**
 * Which context files a COPY/ADD source or a `RUN --mount=type=bind` source reads, as BuildKit selects them
 * (dockerfile2llb + fsutil's copy), over a list of the context's files:
 * - the source is cleaned relative to the context root (`./a/../b/` → `b`, `/x` → `x`, `.` → everything);
 * - COPY/ADD: the path is split at its first segment holding a wildcard (`*`, `?`, `[`; `\` escapes the next
 *   character). The literal part names a directory; below it, every file or directory whose relative path
 *   Go's `filepath.Match` accepts against the rest is a match (so `**` is two `*`, never "any depth", and a
 *   class is `[...]`/`[^...]`: `[!a]` is the class of `!` and `a`). A matched directory brings everything
 *   below it. Without a wildcard, the path itself: a file, or a directory and everything below it;
 * - symbolic links in the literal part and on each match are followed within the context (FollowSymlinks);
 * - `--exclude` patterns (patternmatcher, relative to each match) drop files below a matched directory, never
 *   the match itself; `--parents` copies what its patterns (patternmatcher, `**` included) select below the
 *   part before `/./` (the context root without one);
 * - a bind mount's `source` is a plain path: no wildcards; links on it are followed within the context too.
 */
import { cleanPath, compilePattern } from '../core/filepath-match.js';
import { newPatternMatcher, PathFilter } from './patternmatcher.js';

export interface SourceRequest {
  source: string;
  /** COPY/ADD (wildcards) or a bind mount (a plain path). */
  kind: 'copy' | 'mount';
  parents?: boolean;
  exclude?: readonly string[];
}

/** The context's files (after the ignore file), indexed for prefix queries; symlinks with their targets. */
export class ContextIndex {
  readonly files: readonly string[];
  private readonly set: ReadonlySet<string>;

  constructor(
    files: Iterable<string>,
    readonly symlinks: ReadonlyMap<string, string> = new Map(),
  ) {
    this.files = [...new Set(files)].sort(byCodeUnit);
    this.set = new Set(this.files);
  }

  isFile(path: string): boolean {
    return this.set.has(path);
  }

  /** Files below `dir` ('' is the root), in sorted order. */
  under(dir: string): readonly string[] {
    if (dir === '') return this.files;
    const prefix = `${dir}/`;
    const start = lowerBound(this.files, prefix);
    let end = start;
    while (end < this.files.length && (this.files[end] as string).startsWith(prefix)) end++;
    return this.files.slice(start, end);
  }

  isDir(path: string): boolean {
    return this.under(path).length > 0;
  }

  /** Follows symlinks on every segment, staying inside the context as BuildKit's RootPath does. */
  resolve(path: string): string {
    let p = path;
    for (let hops = 0; hops < 64 && this.symlinks.size > 0; hops++) {
      const segs = p === '' ? [] : p.split('/');
      let cur = '';
      let moved = false;
      for (let i = 0; i < segs.length; i++) {
        const next = cur ? `${cur}/${segs[i]}` : (segs[i] as string);
        const target = this.symlinks.get(next);
        if (target !== undefined) {
          const rest = segs.slice(i + 1).join('/');
          const base = target.startsWith('/') ? target : `${cur}/${target}`;
          p = cleanPath(`/${base}${rest ? `/${rest}` : ''}`).slice(1);
          moved = true;
          break;
        }
        cur = next;
      }
      if (!moved) return p;
    }
    return p;
  }
}

/** The context files a source reads, sorted. */
export function selectSource(ctx: ContextIndex, req: SourceRequest): string[] {
  if (req.source.includes('$')) return [...ctx.files]; // variable expansion: unknown here, take everything
  if (req.kind === 'mount') {
    // BuildKit follows links on a mount's source path within the context (the exec op's FollowLinks).
    const rel = relClean(req.source);
    const files = below(ctx, ctx.resolve(rel), null);
    return ctx.symlinks.has(rel) ? [...new Set([rel, ...files])].sort(byCodeUnit) : files;
  }
  let source = req.source;
  let include: PathFilter | null = null;
  if (req.parents) {
    const pivot = source.indexOf('/./');
    const pattern = pivot < 0 ? source : source.slice(pivot + 3);
    source = pivot < 0 ? '/' : source.slice(0, pivot);
    const pm = newPatternMatcher([relClean(pattern)]);
    if (!pm.ok) return [];
    include = new PathFilter(pm.matcher);
  }
  let exclude: PathFilter | null = null;
  if (req.exclude?.length) {
    const pm = newPatternMatcher(req.exclude);
    if (pm.ok) exclude = new PathFilter(pm.matcher);
  }
  const out = new Set<string>();
  for (const match of wildcardMatches(ctx, relClean(source))) {
    if (ctx.symlinks.has(match)) out.add(match);
    for (const f of below(ctx, ctx.resolve(match), { include, exclude })) out.add(f);
  }
  return [...out].sort(byCodeUnit);
}

/** `path` relative to the context root, cleaned ('' for the root). */
const relClean = (path: string): string => cleanPath(`/${path}`).slice(1);

/** The entries the source names (fsutil ResolveWildcards): the literal path, or what its wildcard part matches. */
function wildcardMatches(ctx: ContextIndex, rel: string): string[] {
  const segs = rel === '' ? [] : rel.split('/');
  const k = segs.findIndex(containsWildcards);
  if (k < 0) return [rel];
  const base = ctx.resolve(segs.slice(0, k).join('/'));
  const rest = segs.slice(k).join('/');
  const pattern = compilePattern(rest);
  if (!pattern.ok) return [];
  const prefix = base === '' ? '' : `${base}/`;
  const dirHit = new Map<string, string | null>();
  const matchedDir = (dir: string): string | null => {
    if (dir === '') return null;
    let hit = dirHit.get(dir);
    if (hit === undefined) {
      const slash = dir.lastIndexOf('/');
      hit = (slash < 0 ? null : matchedDir(dir.slice(0, slash))) ?? (pattern.match(dir) ? dir : null);
      dirHit.set(dir, hit);
    }
    return hit;
  };
  const out = new Set<string>();
  for (const f of ctx.under(base)) {
    const r = f.slice(prefix.length);
    const slash = r.lastIndexOf('/');
    const hit = (slash < 0 ? null : matchedDir(r.slice(0, slash))) ?? (pattern.match(r) ? r : null);
    if (hit !== null) out.add(prefix + hit);
  }
  return [...out];
}

/** Go copy's containsWildcards: `*`, `?` or `[` not escaped by `\`. */
function containsWildcards(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** The file itself, or every file below the directory, filtered by include/exclude relative to it. */
function below(
  ctx: ContextIndex,
  path: string,
  filters: { include: PathFilter | null; exclude: PathFilter | null } | null,
): string[] {
  if (path !== '' && ctx.isFile(path)) return [path];
  const files = ctx.under(path);
  if (!filters || (!filters.include && !filters.exclude)) return [...files];
  const cut = path === '' ? 0 : path.length + 1;
  return files.filter((f) => {
    const rel = f.slice(cut);
    if (filters.include && !filters.include.matched(rel)) return false;
    return !filters.exclude?.matched(rel);
  });
}

export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
