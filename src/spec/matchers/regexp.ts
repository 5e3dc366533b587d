/**
 * Go regular expressions (RE2, golang.org/pkg/regexp/syntax) run on JavaScript's engine.
 *
 * Translated: leading flag groups `(?i)`, `(?m)`, `(?s)`; named groups `(?P<name>...)`; `\A`, `\z`; `\Q...\E`;
 * `\a`; octal escapes; POSIX classes like `[[:alpha:]]`; `\pL` / `\p{Greek}` (with the `u` flag).
 * Rejected as Go rejects them: lookaround, backreferences, unknown letter escapes, flag groups other than a
 * leading one (JavaScript on Node 20 has no inline modifiers), and the `U` (ungreedy) flag.
 */

export type CompiledRegexp = { ok: true; re: RegExp } | { ok: false; error: string };

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Escapes Go accepts before a letter or digit; anything else there is "invalid escape sequence". */
const KNOWN = new Set(['a', 'f', 't', 'n', 'r', 'v', 'x', 'b', 'B', 'd', 'D', 's', 'S', 'w', 'W', 'p', 'P']);

const cache = new Map<string, CompiledRegexp>();

export function compileGoRegexp(source: string): CompiledRegexp {
  const hit = cache.get(source);
  if (hit) return hit;
  const out = translate(source);
  let res: CompiledRegexp;
  if ('error' in out) res = { ok: false, error: `error parsing regexp: ${out.error}: \`${source}\`` };
  else {
    try {
      res = { ok: true, re: new RegExp(out.pattern, out.flags) };
    } catch (e) {
      res = { ok: false, error: `error parsing regexp: ${(e as Error).message}` };
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(source, res);
  return res;
}

function translate(src: string): { pattern: string; flags: string } | { error: string } {
  let flags = '';
  let i = 0;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1]?.includes('U')) return { error: 'ungreedy flag (?U) is not supported' };
    flags = [...new Set(lead[1])].join('');
    i = lead[0].length;
  }
  let out = '';
  let inClass = false;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) return { error: 'trailing backslash at end of expression' };
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const lit = src.slice(i + 2, end < 0 ? undefined : end);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? src.length : end + 2;
        continue;
      }
      if (n === 'A' && !inClass) out += '(?<![\\s\\S])';
      else if (n === 'z' && !inClass) out += '(?![\\s\\S])';
      else if (n === 'a') out += '\\x07';
      else if (n === 'p' || n === 'P') {
        const m = /^\\[pP](\{\^?\w+\}|\w)/.exec(src.slice(i));
        if (!m) return { error: `invalid character class range: \`${src.slice(i, i + 3)}\`` };
        const name = (m[1] as string).replace(/[{}]/g, '');
        out += `\\${name.startsWith('^') ? (n === 'p' ? 'P' : 'p') : n}{${name.replace('^', '')}}`;
        if (!flags.includes('u')) flags += 'u';
        i += m[0].length;
        continue;
      } else if (/[0-7]/.test(n)) {
        const m = /^[0-7]{1,3}/.exec(src.slice(i + 1)) as RegExpExecArray;
        if (n !== '0' && m[0].length === 1) return { error: `invalid escape sequence: \`\\${n}\`` };
        out += `\\x${Number.parseInt(m[0], 8).toString(16).padStart(2, '0')}`;
        i += 1 + m[0].length;
        continue;
      } else if (/[A-Za-z0-9]/.test(n) && !KNOWN.has(n))
        return { error: `invalid escape sequence: \`\\${n}\`` };
      else out += `\\${n}`;
      i += 2;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)(\w+):\]/.exec(src.slice(i));
      if (posix) {
        const body = POSIX[posix[2] as string];
        if (!body || posix[1]) return { error: `invalid character class range: \`${posix[0]}\`` };
        out += body;
        i += posix[0].length;
        continue;
      }
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (src[i] === '^') {
        out += '^';
        i++;
      }
      if (src[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith(':') || /^<\w/.test(rest)) {
        out += '(?';
        i += 2;
        continue;
      }
      return { error: `invalid or unsupported Perl syntax: \`(?${rest.slice(0, 1)}\`` };
    }
    out += c === '/' ? '\\/' : c;
    i++;
  }
  if (inClass) return { error: `missing closing ]: \`${src}\`` };
  return { pattern: out, flags };
}
