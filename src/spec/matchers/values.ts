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
  return { ok: false, error: `Expected numeric, Got: ${show(v)}` };
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
