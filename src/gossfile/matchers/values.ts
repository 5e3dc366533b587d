/**
 * Go's view of values, as goss's matchers see them (matchers/type_conversion.go, gomega):
 * `fmt %v` printing, the to-string / to-numeric / to-array transforms, lengths and collections.
 * YAML integers and floats are both JS numbers here; an integral number prints as a Go int.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go `fmt.Sprintf("%v", v)` for the values a spec or a probe produces. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isRecord(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goFormat(v[k])}`)
      .join(' ')}]`;
  return String(v);
}

/** A float64 as `%v` prints it (shortest digits, exponent from 1e21 or below 1e-4); integers plainly. */
export function goNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    return `${m}e${sign}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(n);
}

/** goss ToString: lists join with newlines, everything else prints with `%v`. */
export function toGoString(v: unknown): string {
  return Array.isArray(v) ? v.map(goFormat).join('\n') : goFormat(v);
}

const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** Go `strconv.ParseFloat(strings.TrimSpace(s), 64)`, decimal forms only. */
export function parseGoFloat(s: string): number | undefined {
  const t = s.trim();
  if (FLOAT.test(t)) return Number(t);
  if (SPECIAL.test(t)) return /nan/i.test(t) ? Number.NaN : t.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

/** goss ToNumeric: numbers pass, strings (and lists, joined) are parsed as floats. */
export function toNumeric(v: unknown): Result<number> {
  if (typeof v === 'number') return { ok: true, value: v };
  if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
    const s = toGoString(v);
    const n = parseGoFloat(s);
    return n === undefined
      ? { ok: false, error: `strconv.ParseFloat: parsing ${JSON.stringify(s.trim())}: invalid syntax` }
      : { ok: true, value: n };
  }
  return { ok: false, error: `Expected numeric, Got:${gomegaObject(v)}` };
}

/** goss ToArray: a string becomes its lines; anything else is unchanged. */
export const toArray = (v: unknown): unknown => (typeof v === 'string' ? v.split('\n') : v);

export const isCollection = (v: unknown): v is unknown[] | Record<string, unknown> =>
  Array.isArray(v) || isRecord(v);

/** The elements gomega iterates: list items, or a map's values. */
export const valuesOf = (v: unknown[] | Record<string, unknown>): unknown[] =>
  Array.isArray(v) ? v : Object.values(v);

/** gomega HaveLen: strings count bytes (Go), lists items, maps keys; anything else has no length. */
export function goLen(v: unknown): number | undefined {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (Array.isArray(v)) return v.length;
  if (isRecord(v)) return Object.keys(v).length;
  return undefined;
}

/** reflect.DeepEqual on JSON-like values (a number is a number, however YAML wrote it). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A compact, unambiguous rendering for messages: strings quoted, the rest as JSON. */
export function show(v: unknown): string {
  if (v === undefined) return '<nil>';
  if (typeof v === 'number') return goNumber(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------------------------------------
// How goss's error texts print a value: Go's %T and %q, and gomega's format.Object.

/** Go `%T` of a value as yaml.v3 decodes it into `interface{}` (an integral number is an int). */
export function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

const ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
};

/** Go strconv.Quote / QuoteRune: escapes, control characters as \x.., other non-printables as \u.... */
function quoteWith(s: string, q: '"' | "'"): string {
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === q) out += `\\${q}`;
    else if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0xfeff)
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + q;
}

/** Go `%q`: strings quoted, integers as a quoted character, lists and maps element by element. */
export function goQuote(v: unknown): string {
  if (typeof v === 'string') return quoteWith(v, '"');
  if (typeof v === 'number' && Number.isInteger(v)) {
    const valid = v >= 0 && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff);
    return quoteWith(valid ? String.fromCodePoint(v) : '\ufffd', "'");
  }
  if (Array.isArray(v)) return `[${v.map(goQuote).join(' ')}]`;
  if (isRecord(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${goQuote(k)}:${goQuote(v[k])}`)
      .join(' ')}]`;
  if (v === null || v === undefined) return '%!q(<nil>)';
  return `%!q(${goType(v)}=${goFormat(v)})`;
}

const INDENT = '    ';

function gomegaValue(v: unknown, indentation: number): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') {
    if (indentation !== 1) return quoteWith(v, '"');
    return v.split('\n').join(`\n${INDENT}`);
  }
  const items = Array.isArray(v)
    ? v.map((x) => gomegaValue(x, indentation + 1))
    : isRecord(v)
      ? Object.keys(v)
          .sort()
          .map((k) => `${gomegaValue(k, indentation + 1)}: ${gomegaValue(v[k], indentation + 1)}`)
      : undefined;
  if (!items) return goFormat(v);
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  if (!items.some((x) => x.length > 20)) return `${open}${items.join(', ')}${close}`;
  const pad = INDENT.repeat(indentation);
  return `${open}\n${pad}${INDENT}${items.join(`,\n${pad}${INDENT}`)},\n${pad}${close}`;
}

/** gomega `format.Object(v, indentation)`, as goss's matcher errors embed it: `<bool>: true`. */
export function gomegaObject(v: unknown, indentation = 1): string {
  const type = Array.isArray(v)
    ? `[]interface {} | len:${v.length}, cap:${v.length}`
    : isRecord(v)
      ? `map[string]interface {} | len:${Object.keys(v).length}`
      : v === null || v === undefined
        ? 'nil'
        : goType(v);
  return `${INDENT.repeat(indentation)}<${type}>: ${gomegaValue(v, indentation)}`;
}
