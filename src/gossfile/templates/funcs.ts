/**
 * Template functions: Go's builtins, goss's own (template.go), and the pure part of Sprig that gossfiles
 * commonly use. Functions that read files or depend on time or randomness are not supported (see
 * `UNSUPPORTED_FUNCTIONS`); using one is a located SPEC004 error.
 */
import { compileGoRegexp } from '../matchers/regexp.js';
import { goFormat, isRecord, parseGoFloat } from '../matchers/values.js';

/** A runtime template error; the executor fills in where (the innermost pipeline being evaluated). */
export class TemplateExecError extends Error {
  start?: number;
  end?: number;
  /** Whether the error depends on `.Env` (the executor sets it): another environment might not give it. */
  envDependent?: boolean;
}

export interface FuncContext {
  env: Record<string, string>;
}
type Impl = (args: unknown[], ctx: FuncContext) => unknown;
interface Fn {
  min: number;
  max: number;
  impl: Impl;
}
const fn = (min: number, max: number, impl: Impl): Fn => ({ min, max, impl });
const fail = (msg: string): never => {
  throw new TemplateExecError(msg);
};

const str = (v: unknown): string => (typeof v === 'string' ? v : goFormat(v));
const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseGoFloat(v) : undefined;
  return n === undefined || Number.isNaN(n) ? 0 : n;
};
const int = (v: unknown): number => Math.trunc(num(v));
const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v === null || v === undefined ? [] : fail(`expected a list, got ${goFormat(v)}`);
const regexp = (re: unknown) => {
  const r = compileGoRegexp(str(re));
  return r.ok ? r.re : fail(r.error);
};

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isRecord(v)) return Object.keys(v).length > 0;
  return true;
}

function basic(v: unknown): 'number' | 'string' | 'boolean' | 'nil' {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return typeof v as 'number';
  return fail(`non-comparable type ${goFormat(v)}`);
}

function eq(a: unknown, b: unknown): boolean {
  const [ka, kb] = [basic(a), basic(b)];
  if (ka !== kb && ka !== 'nil' && kb !== 'nil') fail('incompatible types for comparison');
  return a === b || (ka === 'nil' && kb === 'nil');
}

function less(a: unknown, b: unknown): boolean {
  const [ka, kb] = [basic(a), basic(b)];
  if (ka !== kb) fail('incompatible types for comparison');
  if (ka !== 'number' && ka !== 'string') fail(`invalid type for comparison`);
  return (a as number) < (b as number);
}

function index(v: unknown, keys: unknown[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (Array.isArray(cur) || typeof cur === 'string') {
      const i = typeof k === 'number' ? k : fail(`cannot index slice/array with type ${goFormat(k)}`);
      if (i < 0 || i >= cur.length) fail(`error calling index: index out of range: ${i}`);
      cur = cur[i];
    } else if (isRecord(cur)) cur = cur[str(k)];
    else fail(`can't index item of type ${goFormat(cur)}`);
  }
  return cur;
}

function printf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(
    /%([-+# 0]*)(\d+)?(?:\.(\d+))?([%vsdfqtxX])/g,
    (_m, flags: string, width, prec, verb) => {
      if (verb === '%') return '%';
      const a = args[i++];
      let s: string;
      if (verb === 'd') s = String(int(a));
      else if (verb === 'f') s = num(a).toFixed(prec === undefined ? 6 : Number(prec));
      else if (verb === 'q') s = JSON.stringify(str(a));
      else if (verb === 'x' || verb === 'X')
        s = typeof a === 'number' ? a.toString(16) : Buffer.from(str(a)).toString('hex');
      else s = str(a);
      if (verb === 'X') s = s.toUpperCase();
      const w = width === undefined ? 0 : Number(width);
      return flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') ? '0' : ' ');
    },
  );
}

const indent = (n: unknown, s: unknown) => {
  const pad = ' '.repeat(int(n));
  return pad + str(s).replace(/\n/g, `\n${pad}`);
};

export const FUNCTIONS: Record<string, Fn> = {
  // Go text/template builtins (`and` / `or` are evaluated lazily by the executor).
  not: fn(1, 1, ([a]) => !truthy(a)),
  len: fn(1, 1, ([a]) =>
    typeof a === 'string'
      ? Buffer.byteLength(a)
      : Array.isArray(a)
        ? a.length
        : isRecord(a)
          ? Object.keys(a).length
          : fail(`len of ${goFormat(a)}`),
  ),
  index: fn(1, Infinity, ([v, ...keys]) => index(v, keys)),
  slice: fn(1, 3, ([v, a, b]) =>
    typeof v === 'string' || Array.isArray(v)
      ? v.slice(int(a ?? 0), b === undefined ? undefined : int(b))
      : fail("can't slice item"),
  ),
  eq: fn(2, Infinity, ([a, ...bs]) => bs.some((b) => eq(a, b))),
  ne: fn(2, 2, ([a, b]) => !eq(a, b)),
  lt: fn(2, 2, ([a, b]) => less(a, b)),
  le: fn(2, 2, ([a, b]) => less(a, b) || eq(a, b)),
  gt: fn(2, 2, ([a, b]) => less(b, a)),
  ge: fn(2, 2, ([a, b]) => less(b, a) || eq(a, b)),
  print: fn(0, Infinity, (args) => args.map(str).join('')),
  println: fn(0, Infinity, (args) => `${args.map(str).join(' ')}\n`),
  printf: fn(1, Infinity, ([f, ...args]) => printf(str(f), args)),
  // goss (template.go)
  mkSlice: fn(0, Infinity, (args) => args),
  getEnv: fn(1, 2, ([k, d], ctx) => ctx.env[str(k)] || (d === undefined ? '' : str(d))),
  regexMatch: fn(2, 2, ([re, s]) => regexp(re).test(str(s))),
  toUpper: fn(1, 1, ([s]) => str(s).toUpperCase()),
  toLower: fn(1, 1, ([s]) => str(s).toLowerCase()),
  findStringSubmatch: fn(2, 2, ([re, s]) => {
    const m = regexp(re).exec(str(s));
    const out: Record<string, unknown> = {};
    m?.forEach((g, i) => {
      out[String(i)] = g ?? '';
    });
    for (const [k, g] of Object.entries(m?.groups ?? {})) out[k] = g ?? '';
    return out;
  }),
  // Sprig, pure functions only
  env: fn(1, 1, ([k], ctx) => ctx.env[str(k)] ?? ''),
  upper: fn(1, 1, ([s]) => str(s).toUpperCase()),
  lower: fn(1, 1, ([s]) => str(s).toLowerCase()),
  title: fn(1, 1, ([s]) =>
    str(s).replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()),
  ),
  trim: fn(1, 1, ([s]) => str(s).trim()),
  trimAll: fn(2, 2, ([c, s]) =>
    str(s).replace(new RegExp(`^[${escapeClass(str(c))}]+|[${escapeClass(str(c))}]+$`, 'g'), ''),
  ),
  trimPrefix: fn(2, 2, ([p, s]) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s))),
  trimSuffix: fn(2, 2, ([p, s]) =>
    str(p) && str(s).endsWith(str(p)) ? str(s).slice(0, -str(p).length) : str(s),
  ),
  replace: fn(3, 3, ([a, b, s]) => str(s).split(str(a)).join(str(b))),
  repeat: fn(2, 2, ([n, s]) => str(s).repeat(Math.max(0, int(n)))),
  contains: fn(2, 2, ([sub, s]) => str(s).includes(str(sub))),
  hasPrefix: fn(2, 2, ([p, s]) => str(s).startsWith(str(p))),
  hasSuffix: fn(2, 2, ([p, s]) => str(s).endsWith(str(p))),
  quote: fn(0, Infinity, (args) => args.map((a) => JSON.stringify(str(a))).join(' ')),
  squote: fn(0, Infinity, (args) => args.map((a) => `'${str(a)}'`).join(' ')),
  cat: fn(0, Infinity, (args) =>
    args
      .filter((a) => a !== null && a !== undefined)
      .map(str)
      .join(' '),
  ),
  indent: fn(2, 2, ([n, s]) => indent(n, s)),
  nindent: fn(2, 2, ([n, s]) => `\n${indent(n, s)}`),
  splitList: fn(2, 2, ([sep, s]) => str(s).split(str(sep))),
  join: fn(2, 2, ([sep, l]) => list(l).map(str).join(str(sep))),
  list: fn(0, Infinity, (args) => args),
  first: fn(1, 1, ([l]) => list(l)[0] ?? null),
  last: fn(1, 1, ([l]) => list(l).at(-1) ?? null),
  has: fn(2, 2, ([x, l]) => list(l).some((y) => y === x)),
  uniq: fn(1, 1, ([l]) => [...new Set(list(l))]),
  sortAlpha: fn(1, 1, ([l]) => list(l).map(str).sort()),
  dict: fn(0, Infinity, (args) =>
    Object.fromEntries(args.flatMap((a, i) => (i % 2 ? [] : [[str(a), args[i + 1] ?? '']]))),
  ),
  get: fn(2, 2, ([m, k]) => (isRecord(m) ? (m[str(k)] ?? '') : fail('get expects a map'))),
  hasKey: fn(2, 2, ([m, k]) => isRecord(m) && Object.hasOwn(m, str(k))),
  keys: fn(1, Infinity, (ms) => ms.flatMap((m) => (isRecord(m) ? Object.keys(m) : []))),
  default: fn(2, 2, ([d, v]) => (truthy(v) ? v : d)),
  empty: fn(1, 1, ([v]) => !truthy(v)),
  coalesce: fn(0, Infinity, (args) => args.find(truthy) ?? null),
  ternary: fn(3, 3, ([a, b, c]) => (truthy(c) ? a : b)),
  toString: fn(1, 1, ([v]) => str(v)),
  toJson: fn(1, 1, ([v]) => JSON.stringify(v ?? null)),
  atoi: fn(1, 1, ([v]) => int(v)),
  int: fn(1, 1, ([v]) => int(v)),
  int64: fn(1, 1, ([v]) => int(v)),
  float64: fn(1, 1, ([v]) => num(v)),
  add: fn(0, Infinity, (args) => args.reduce((a: number, b) => a + int(b), 0)),
  sub: fn(2, 2, ([a, b]) => int(a) - int(b)),
  mul: fn(0, Infinity, (args) => args.reduce((a: number, b) => a * int(b), 1)),
  div: fn(2, 2, ([a, b]) => (int(b) === 0 ? fail('integer divide by zero') : Math.trunc(int(a) / int(b)))),
  mod: fn(2, 2, ([a, b]) => (int(b) === 0 ? fail('integer divide by zero') : int(a) % int(b))),
  max: fn(1, Infinity, (args) => Math.max(...args.map(int))),
  min: fn(1, Infinity, (args) => Math.min(...args.map(int))),
  b64enc: fn(1, 1, ([s]) => Buffer.from(str(s)).toString('base64')),
  b64dec: fn(1, 1, ([s]) => Buffer.from(str(s), 'base64').toString('utf8')),
  regexFind: fn(2, 2, ([re, s]) => regexp(re).exec(str(s))?.[0] ?? ''),
  regexReplaceAll: fn(3, 3, ([re, s, r]) =>
    regexp(re).replaceAll(
      str(s),
      str(r)
        .replace(/\$\{?(\w+)\}?/g, '$<$1>')
        .replace(/\$<(\d+)>/g, '$$$1'),
    ),
  ),
};

const escapeClass = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');

/** Documented by goss or Sprig, but not pure: refused with SPEC004 and the reason. */
export const UNSUPPORTED_FUNCTIONS: Record<string, string> = {
  readFile: 'reads a file on the machine running the tests',
  expandenv: 'reads the whole process environment',
  now: 'depends on the time',
  date: 'depends on the time',
  dateInZone: 'depends on the time',
  ago: 'depends on the time',
  uuidv4: 'is random',
  randAlpha: 'is random',
  randAlphaNum: 'is random',
  randNumeric: 'is random',
  randAscii: 'is random',
  randInt: 'is random',
  shuffle: 'is random',
  genPrivateKey: 'is random',
  getHostByName: 'queries DNS',
  call: 'calls Go functions',
  html: 'is not supported',
  js: 'is not supported',
  urlquery: 'is not supported',
};
