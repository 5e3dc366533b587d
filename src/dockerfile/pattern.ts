/**
 * The shell patterns of `${X#p}`, `${X%p}` and `${X/p/r}`, as BuildKit's lexer reads them
 * (`convertShellPatternToRegex`, `trimPrefix`/`trimSuffix` in `frontend/dockerfile/shell/lex.go`): `*` is
 * any run of characters, `?` one character, `\` escapes `*`, `?` and `\` (and is dropped before `}` and `/`);
 * there are no bracket expressions. Go's regexp semantics are kept: `.` never matches a newline, and a
 * replace-all skips an empty match right after another match.
 */

export interface PatternResult {
  value: string;
  error: string | null;
}

function toRegExp(pattern: string, greedy: boolean, anchored: boolean): RegExp | string {
  const cs = Array.from(pattern);
  let out = anchored ? '^' : '';
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as string;
    if (c === '*') out += greedy ? '[^\\n]*' : '[^\\n]*?';
    else if (c === '?') out += '[^\\n]';
    else if (c === '\\') {
      if (cs[i + 1] === '}' || cs[i + 1] === '/') continue;
      const e = cs[++i] ?? '\ufffd';
      if (e !== '*' && e !== '?' && e !== '\\') return `invalid escape '\\${e}'`;
      out += `\\${e}`;
    } else if ('[]{}.+()|^$'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return new RegExp(out, 'gu');
}

const invalid = (pattern: string, why: string): PatternResult => ({
  value: '',
  error: `invalid pattern (${pattern}) in substitution: ${why}`,
});

/** Removes the shortest (or, `greedy`, the longest) match of `pattern` at the start or end of `value`. */
export function trimPattern(
  pattern: string,
  value: string,
  end: 'prefix' | 'suffix',
  greedy: boolean,
): PatternResult {
  if (end === 'suffix') {
    // The shortest rightmost match is the shortest leftmost one of the reversed pattern and value.
    const r = trimPattern(reversePattern(pattern), reverse(value), 'prefix', greedy);
    return r.error === null ? { value: reverse(r.value), error: null } : invalid(pattern, trimWhy(r.error));
  }
  const re = toRegExp(pattern, greedy, true);
  if (typeof re === 'string') return invalid(pattern, re);
  const m = re.exec(value);
  return { value: m ? value.slice(m.index + m[0].length) : value, error: null };
}

const trimWhy = (error: string) => error.replace(/^invalid pattern \(.*?\) in substitution: /s, '');

/** `${X/p/r}` (first match, `r` as is) and `${X//p/r}` (every match, `r` as a Go regexp template). */
export function replacePattern(
  pattern: string,
  value: string,
  replacement: string,
  all: boolean,
): PatternResult {
  const re = toRegExp(pattern, true, false);
  if (typeof re === 'string') return invalid(pattern, re);
  if (!all) {
    const m = re.exec(value);
    return {
      value: m ? value.slice(0, m.index) + replacement + value.slice(m.index + m[0].length) : value,
      error: null,
    };
  }
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= value.length) {
    re.lastIndex = search;
    const m = re.exec(value);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += value.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += expandTemplate(replacement, m[0]);
    lastEnd = end;
    const width = (value.codePointAt(search) ?? 0) > 0xffff ? 2 : 1;
    search = Math.max(search + width, end);
  }
  return { value: out + value.slice(lastEnd), error: null };
}

/** Go's Regexp.Expand for a pattern without groups: `$$` is `$`, `$0`/`${0}` the match, other names empty. */
function expandTemplate(template: string, match: string): string {
  let out = '';
  let rest = template;
  for (;;) {
    const at = rest.indexOf('$');
    if (at < 0) return out + rest;
    out += rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const m = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!m) {
      out += '$';
      continue;
    }
    rest = rest.slice(m[0].length);
    if ((m[1] ?? m[2]) === '0') out += match;
  }
}

/** Reverses a pattern but keeps each escape before the character it escapes: `a\*c` → `c\*a`. */
export function reversePattern(pattern: string): string {
  const cs = Array.from(pattern);
  const out: string[] = new Array(cs.length);
  const last = cs.length - 1;
  for (let i = 0; i <= last; ) {
    const c = cs[i] as string;
    if (c === '\\' && i !== last) {
      out[last - i - 1] = c;
      out[last - i] = cs[i + 1] as string;
      i += 2;
    } else {
      out[last - i] = c;
      i++;
    }
  }
  return out.join('');
}

const reverse = (s: string): string => Array.from(s).reverse().join('');
