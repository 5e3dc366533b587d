/**
 * Go's RE2 syntax, for the subset moby/patternmatcher can produce, translated to an equivalent JavaScript
 * RegExp (`u` flag, code-point semantics as Go's runes). patternmatcher builds its regex by passing `[`, `]`,
 * `^` and the character after a `\` through unchanged, so ignore-file patterns can reach RE2 features:
 * Perl classes (`\d` is a digit, not `d`), POSIX classes inside brackets (`[[:alpha:]]`), octal and hex escapes,
 * `\Q...\E`, anchors (`^` mid-pattern, `\A`, `\z`). Each is translated to what RE2 means; what RE2 rejects
 * (`\1`, `\y`, a reversed range) is an error, as Go's `regexp.Compile` would return one. Unicode classes
 * (`\pL`) are not translated: reported as unsupported, so callers can fall back safely.
 */

export type Re2Result = { ok: true; re: RegExp } | { ok: false; message: string; unsupported?: boolean };

const PERL: Record<string, [number, number][]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

const POSIX: Record<string, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: PERL.w as [number, number][],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

class Re2Error extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

const MAX = 0x10ffff;
const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
const classOf = (ranges: [number, number][], negated: boolean): string =>
  `[${negated ? '^' : ''}${ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('')}]`;

function complement(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX) out.push([next, MAX]);
  return out;
}

/** Compiles an RE2 expression (the subset above) to a JavaScript RegExp with the same matches. */
export function compileRe2(source: string): Re2Result {
  try {
    return { ok: true, re: new RegExp(translate(source), 'u') };
  } catch (e) {
    if (e instanceof Re2Error) return { ok: false, message: e.message, unsupported: e.unsupported };
    return { ok: false, message: (e as Error).message };
  }
}

function translate(src: string): string {
  let out = '';
  let i = 0;
  let depth = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\\') {
      const e = escapeAt(src, i + 1, false);
      out += e.js;
      i = e.next;
    } else if (c === '[') {
      const k = bracket(src, i + 1);
      out += k.js;
      i = k.next;
    } else if (c === '.') {
      out += '[^\\n]';
      i++;
    } else if (c === '^') {
      out += '^';
      i++;
    } else if (c === '$') {
      out += '$';
      i++;
    } else if (c === '*' || c === '+' || c === '?') {
      if (out === '' || /[(|]$/.test(out)) throw new Re2Error('missing argument to repetition operator');
      out += c;
      i++;
      if (src[i] === '?') {
        out += '?';
        i++;
      }
    } else if (c === '(') {
      depth++;
      out += '(?:';
      i++;
    } else if (c === ')') {
      if (depth-- === 0) throw new Re2Error('unexpected )');
      out += ')';
      i++;
    } else if (c === '|') {
      out += '|';
      i++;
    } else {
      const cp = src.codePointAt(i) as number;
      out += hex(cp);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  if (depth !== 0) throw new Re2Error('missing closing )');
  return out;
}

/** An escape after `\` at `i`: a literal, a Perl class, an anchor, or `\Q...\E`. */
function escapeAt(src: string, i: number, inClass: boolean): { js: string; next: number; cp?: number } {
  if (i >= src.length) throw new Re2Error('trailing backslash at end of expression');
  const c = src[i] as string;
  const lit = (cp: number, next: number) => ({ js: hex(cp), next, cp });
  if (/[dswDSW]/.test(c)) {
    const ranges = PERL[c.toLowerCase()] as [number, number][];
    return { js: classOf(ranges, c !== c.toLowerCase()), next: i + 1 };
  }
  if (c in SIMPLE_ESCAPES) return lit(SIMPLE_ESCAPES[c] as number, i + 1);
  if (c === 'x') {
    if (src[i + 1] === '{') {
      const close = src.indexOf('}', i + 2);
      const digits = close < 0 ? '' : src.slice(i + 2, close);
      if (!/^[0-9A-Fa-f]+$/.test(digits) || Number.parseInt(digits, 16) > MAX)
        throw new Re2Error('invalid escape sequence \\x{');
      return lit(Number.parseInt(digits, 16), close + 1);
    }
    const two = src.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(two)) throw new Re2Error('invalid escape sequence \\x');
    return lit(Number.parseInt(two, 16), i + 3);
  }
  if (/[0-7]/.test(c)) {
    // \0 and \1-\7 followed by an octal digit: up to three octal digits; a lone \1-\7 is a backreference.
    if (c !== '0' && !/[0-7]/.test(src[i + 1] ?? '')) throw new Re2Error(`invalid escape sequence \\${c}`);
    const m = /^[0-7]{1,3}/.exec(src.slice(i)) as RegExpExecArray;
    return lit(Number.parseInt(m[0], 8), i + m[0].length);
  }
  if (!inClass) {
    if (c === 'A') return { js: '^', next: i + 1 };
    if (c === 'z') return { js: '$', next: i + 1 };
    if (c === 'b' || c === 'B') return { js: `\\${c}`, next: i + 1 };
    if (c === 'Q') {
      const end = src.indexOf('\\E', i + 1);
      const text = end < 0 ? src.slice(i + 1) : src.slice(i + 1, end);
      return {
        js: [...text].map((ch) => hex(ch.codePointAt(0) as number)).join(''),
        next: end < 0 ? src.length : end + 2,
      };
    }
  }
  if (c === 'p' || c === 'P') throw new Re2Error(`unicode class \\${c} is not supported`, true);
  const cp = src.codePointAt(i) as number;
  if (cp < 0x80 && /[0-9A-Za-z]/.test(c)) throw new Re2Error(`invalid escape sequence \\${c}`);
  return lit(cp, i + (cp > 0xffff ? 2 : 1));
}

/** A bracket expression after `[` at `i`, RE2 rules: a leading `]` is literal, `[:name:]` POSIX classes. */
function bracket(src: string, i: number): { js: string; next: number } {
  let negated = false;
  if (src[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: [number, number][] = [];
  let first = true;
  for (;;) {
    if (i >= src.length) throw new Re2Error('missing closing ]');
    const c = src[i] as string;
    if (c === ']' && !first) return { js: classOf(ranges, negated), next: i + 1 };
    first = false;
    if (c === '[' && src[i + 1] === ':') {
      const close = src.indexOf(':]', i + 2);
      if (close >= 0) {
        let name = src.slice(i + 2, close);
        const neg = name.startsWith('^');
        if (neg) name = name.slice(1);
        const cls = POSIX[name];
        if (!cls) throw new Re2Error(`invalid character class range [:${name}:]`);
        ranges.push(...(neg ? complement(cls) : cls));
        i = close + 2;
        continue;
      }
    }
    let lo: number;
    if (c === '\\') {
      const e = escapeAt(src, i + 1, true);
      if (e.cp === undefined) {
        // A Perl class inside brackets: its members join the class.
        const k = src[i + 1] as string;
        const cls = PERL[k.toLowerCase()] as [number, number][];
        ranges.push(...(k === k.toLowerCase() ? cls : complement(cls)));
        i = e.next;
        continue;
      }
      lo = e.cp;
      i = e.next;
    } else {
      lo = src.codePointAt(i) as number;
      i += lo > 0xffff ? 2 : 1;
    }
    let hi = lo;
    if (src[i] === '-' && src[i + 1] !== undefined && src[i + 1] !== ']') {
      i++;
      if (src[i] === '\\') {
        const e = escapeAt(src, i + 1, true);
        if (e.cp === undefined) throw new Re2Error('invalid character class range');
        hi = e.cp;
        i = e.next;
      } else {
        hi = src.codePointAt(i) as number;
        i += hi > 0xffff ? 2 : 1;
      }
      if (hi < lo) throw new Re2Error('invalid character class range');
    }
    ranges.push([lo, hi]);
  }
}
