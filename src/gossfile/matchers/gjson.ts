/**
 * A subset of gjson paths (github.com/tidwall/gjson), enough for goss's `gjson:` matcher:
 * - `a.b.c`: object keys, dot-separated; `\.` (and `\` before any character) escapes it;
 * - `items.0`: an array index (on an object, `0` is just a key);
 * - `items.#`: the array's length; `items.#.name`: the `name` of every element that has one, as a list;
 * - `*` and `?` in a key: the first key (in document order) that matches the wildcard;
 * - `@this`: the whole document.
 * Not supported (reported when the spec is loaded): queries `#(...)`, `#(...)#`, modifiers other than
 * `@this`, pipes `|`, multipaths `[...]` / `{...}`, literals `!true`, and the JSON Lines prefix `..`.
 */

export type GjsonPath = { kind: 'key' | 'index-or-key' | 'count' | 'wild'; key: string }[];

export function parseGjsonPath(path: string): { ok: true; path: GjsonPath } | { ok: false; error: string } {
  if (path === '@this') return { ok: true, path: [] };
  if (path === '') return { ok: false, error: 'empty path' };
  if (path.startsWith('..')) return { ok: false, error: 'JSON Lines paths (`..`) are not supported' };
  const parts: string[] = [];
  let cur = '';
  let escaped = false;
  const flags: { escaped: boolean; wild: boolean }[] = [];
  let wild = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i] as string;
    if (c === '\\' && i + 1 < path.length) {
      cur += path[++i];
      escaped = true;
      continue;
    }
    if (c === '.') {
      parts.push(cur);
      flags.push({ escaped, wild });
      cur = '';
      escaped = false;
      wild = false;
      continue;
    }
    if ('|[]{}!'.includes(c) || (c === '@' && cur === '') || (c === '(' && cur === '#'))
      return { ok: false, error: `unsupported gjson syntax '${c}' in '${path}'` };
    if (c === '*' || c === '?') wild = true;
    cur += c;
  }
  parts.push(cur);
  flags.push({ escaped, wild });
  const out: GjsonPath = [];
  for (const [i, key] of parts.entries()) {
    if (key === '') return { ok: false, error: `empty key in '${path}'` };
    const f = flags[i] as { escaped: boolean; wild: boolean };
    if (f.wild) out.push({ kind: 'wild', key });
    else if (key === '#' && !f.escaped) out.push({ kind: 'count', key });
    else out.push({ kind: !f.escaped && /^\d+$/.test(key) ? 'index-or-key' : 'key', key });
  }
  return { ok: true, path: out };
}

export type GjsonValue = { exists: true; value: unknown } | { exists: false };

/** Follows a parsed path through a parsed JSON document. */
export function gjsonGet(doc: unknown, path: GjsonPath): GjsonValue {
  let cur: unknown = doc;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as GjsonPath[number];
    if (seg.kind === 'count') {
      if (!Array.isArray(cur)) return { exists: false };
      if (i === path.length - 1) return { exists: true, value: cur.length };
      const rest = path.slice(i + 1);
      const values: unknown[] = [];
      for (const el of cur) {
        const r = gjsonGet(el, rest);
        if (r.exists) values.push(r.value);
      }
      return { exists: true, value: values };
    }
    if (Array.isArray(cur)) {
      if (seg.kind !== 'index-or-key') return { exists: false };
      const idx = Number(seg.key);
      if (idx >= cur.length) return { exists: false };
      cur = cur[idx];
      continue;
    }
    if (typeof cur !== 'object' || cur === null) return { exists: false };
    const obj = cur as Record<string, unknown>;
    const key = seg.kind === 'wild' ? Object.keys(obj).find((k) => wildcard(seg.key, k)) : seg.key;
    if (key === undefined || !Object.hasOwn(obj, key)) return { exists: false };
    cur = obj[key];
  }
  return { exists: true, value: cur };
}

function wildcard(pattern: string, s: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(s);
}
