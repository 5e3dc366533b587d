/**
 * Go's `filepath.Glob`, which goss uses to expand `gossfile:` includes: `*` (any run of characters but `/`),
 * `?`, `[abc]`, `[a-z]`, `[^a]` and `\` escapes, matched segment by segment; no `**`; dot files are matched
 * like any other; matches come back sorted. A pattern without meta characters matches itself if it exists.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';

const META = /[*?[\\]/;

export const hasMeta = (pattern: string): boolean => META.test(pattern);

export function glob(pattern: string): string[] {
  if (!hasMeta(pattern)) return exists(pattern) ? [pattern] : [];
  const slash = pattern.lastIndexOf('/');
  const dir = slash < 0 ? '' : pattern.slice(0, slash) || '/';
  const re = segmentRegExp(pattern.slice(slash + 1));
  const dirs = dir === '' ? [''] : hasMeta(dir) ? glob(dir) : [dir];
  const out: string[] = [];
  for (const d of dirs) {
    let names: string[];
    try {
      names = readdirSync(d || '.').sort();
    } catch {
      continue;
    }
    for (const n of names) if (re.test(n)) out.push(d === '' ? n : d === '/' ? `/${n}` : `${d}/${n}`);
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

/** Go `filepath.Match` for one path segment, as a RegExp. */
export function segmentRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeChar(pattern[++i] as string);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/\\(.)/g, '\\$1').replace(/[[\]]/g, '\\$&')}]`;
      i = end;
    } else re += escapeChar(c);
  }
  return new RegExp(`^${re}$`, 's');
}

const escapeChar = (c: string) => c.replace(/[.+^${}()|[\]\\/*?]/g, '\\$&');
