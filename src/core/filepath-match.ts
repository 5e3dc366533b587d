/**
 * Go's `path/filepath.Match` on a `/`-separated system, and `filepath.Clean`: the one implementation of
 * shell patterns slipway uses (COPY/ADD sources, goss `gossfile:` globs, the wildcard part of ignore files).
 *
 * The syntax, as Go defines it:
 * - `*` any run of characters except `/`; `?` one character except `/`;
 * - `[...]` a class of characters and `lo-hi` ranges; only `^` right after `[` negates (`[!a]` is the class
 *   of `!` and `a`); `]` closes it only after at least one member; `-` and `]` must be escaped inside;
 * - `\c` the character c, anywhere;
 * - nothing else is special: no `**` (it is `*` twice), no braces.
 * A malformed pattern (an unclosed class, a trailing `\`, `[]`, `[a-]`...) is Go's `ErrBadPattern` whatever
 * the name being matched: `compilePattern` reports it with the offset, and matching with it never succeeds.
 * Names are compared per code point, as Go compares runes.
 */

export interface BadPattern {
  /** What is wrong, e.g. `unterminated character class`. */
  message: string;
  /** 0-based offset in the pattern where the problem starts. */
  offset: number;
}

type Item =
  | { kind: 'lit'; text: string }
  | { kind: 'any' }
  | { kind: 'class'; negated: boolean; ranges: [number, number][] };

interface Chunk {
  /** Preceded by one or more `*`. */
  star: boolean;
  items: Item[];
}

export type CompiledPattern =
  | { ok: true; pattern: string; match: (name: string) => boolean }
  | { ok: false; pattern: string; error: BadPattern; match: (name: string) => false };

const cache = new Map<string, CompiledPattern>();

/** Compiles once per pattern (cached): `ok: false` carries Go's ErrBadPattern with where it starts. */
export function compilePattern(pattern: string): CompiledPattern {
  let c = cache.get(pattern);
  if (!c) {
    const parsed = parse(pattern);
    c =
      'error' in parsed
        ? { ok: false, pattern, error: parsed.error, match: () => false }
        : { ok: true, pattern, match: matcher(parsed.chunks) };
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, c);
  }
  return c;
}

/** Go's `filepath.Match(pattern, name)`: false for a malformed pattern (see `compilePattern` for why). */
export const filepathMatch = (pattern: string, name: string): boolean => compilePattern(pattern).match(name);

/** Go's `hasMeta`: the characters that make a path a pattern (`*`, `?`, `[`, `\`). */
export const hasMeta = (path: string): boolean => /[*?[\\]/.test(path);

/** Go's `filepath.Clean` for `/` paths: `.` and `..` resolved lexically, slashes collapsed, "" → ".". */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

function parse(pattern: string): { chunks: Chunk[] } | { error: BadPattern } {
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < pattern.length) {
    let star = false;
    while (pattern[i] === '*') {
      star = true;
      i++;
    }
    // A chunk runs to the next `*` outside a class (as Go's scanChunk delimits it).
    let end = i;
    let inRange = false;
    for (; end < pattern.length; end++) {
      const c = pattern[end];
      if (c === '\\') {
        if (end + 1 < pattern.length) end++;
      } else if (c === '[') inRange = true;
      else if (c === ']') inRange = false;
      else if (c === '*' && !inRange) break;
    }
    const items = parseChunk(pattern, i, end);
    if ('error' in items) return items;
    chunks.push({ star, items });
    i = end;
  }
  return { chunks };
}

function parseChunk(p: string, from: number, to: number): Item[] | { error: BadPattern } {
  const items: Item[] = [];
  const bad = (message: string, offset: number) => ({ error: { message, offset } });
  let i = from;
  while (i < to) {
    const c = p[i] as string;
    if (c === '?') {
      items.push({ kind: 'any' });
      i++;
    } else if (c === '\\') {
      if (i + 1 >= to) return bad('trailing \\ escapes nothing', i);
      const ch = codePointAt(p, i + 1);
      items.push({ kind: 'lit', text: ch });
      i += 1 + ch.length;
    } else if (c === '[') {
      const start = i;
      i++;
      let negated = false;
      if (i < to && p[i] === '^') {
        negated = true;
        i++;
      }
      const ranges: [number, number][] = [];
      for (;;) {
        if (i < to && p[i] === ']' && ranges.length > 0) {
          i++;
          break;
        }
        const lo = classChar(p, i, to);
        if ('error' in lo) return bad(lo.error, start);
        i = lo.next;
        let hi = lo.cp;
        if (p[i] === '-') {
          const h = classChar(p, i + 1, to);
          if ('error' in h) return bad(h.error, start);
          hi = h.cp;
          i = h.next;
        }
        ranges.push([lo.cp, hi]);
      }
      items.push({ kind: 'class', negated, ranges });
    } else {
      const ch = codePointAt(p, i);
      items.push({ kind: 'lit', text: ch });
      i += ch.length;
    }
  }
  return items;
}

/** One possibly escaped class member (Go's getEsc); something must follow it (at least the `]`). */
function classChar(p: string, i: number, to: number): { cp: number; next: number } | { error: string } {
  if (i >= to) return { error: 'unterminated character class' };
  const c = p[i];
  if (c === '-' || c === ']')
    return { error: `'${c}' must be escaped inside a character class (or the class is empty)` };
  if (c === '\\') {
    i++;
    if (i >= to) return { error: 'unterminated character class' };
  }
  const cp = p.codePointAt(i) as number;
  const next = i + (cp > 0xffff ? 2 : 1);
  if (next >= to) return { error: 'unterminated character class' };
  return { cp, next };
}

const codePointAt = (s: string, i: number): string => String.fromCodePoint(s.codePointAt(i) as number);

/** Go's Match loop: each chunk at the leftmost place a preceding star allows, a star never crossing `/`. */
function matcher(chunks: Chunk[]): (name: string) => boolean {
  if (chunks.length === 1 && !(chunks[0] as Chunk).star) {
    const items = (chunks[0] as Chunk).items;
    if (items.every((x) => x.kind === 'lit')) {
      const literal = items.map((x) => (x as { text: string }).text).join('');
      return (name) => name === literal;
    }
  }
  return (name) => {
    let pos = 0;
    outer: for (let ci = 0; ci < chunks.length; ci++) {
      const { star, items } = chunks[ci] as Chunk;
      const last = ci === chunks.length - 1;
      if (star && items.length === 0) return name.indexOf('/', pos) < 0;
      const t = matchChunk(items, name, pos);
      if (t >= 0 && (t === name.length || !last)) {
        pos = t;
        continue;
      }
      if (star) {
        for (let i = pos; i < name.length && name[i] !== '/'; i++) {
          const r = matchChunk(items, name, i + 1);
          if (r < 0 || (last && r < name.length)) continue;
          pos = r;
          continue outer;
        }
      }
      return false;
    }
    return pos === name.length;
  };
}

/** Matches the chunk at `pos`; the position after it, or -1. */
function matchChunk(items: Item[], s: string, pos: number): number {
  for (const it of items) {
    if (pos >= s.length) return -1;
    if (it.kind === 'lit') {
      if (!s.startsWith(it.text, pos)) return -1;
      pos += it.text.length;
    } else if (it.kind === 'any') {
      if (s[pos] === '/') return -1;
      pos += (s.codePointAt(pos) as number) > 0xffff ? 2 : 1;
    } else {
      const cp = s.codePointAt(pos) as number;
      let hit = false;
      for (const [lo, hi] of it.ranges)
        if (lo <= cp && cp <= hi) {
          hit = true;
          break;
        }
      if (hit === it.negated) return -1;
      pos += cp > 0xffff ? 2 : 1;
    }
  }
  return pos;
}
