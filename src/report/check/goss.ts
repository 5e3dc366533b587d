/**
 * One result as goss v0.4 reports it, built from a slipway `CheckResult`: the fields of goss's TestResult
 * (result code, `err`, `matcher-result` with the matcher's own failure wording) and the text its outputs print
 * for it. The formats in `index.ts` only arrange these.
 *
 * goss explains a failure with the matcher that failed, not the whole expectation: `and` reports its first
 * failing member, `not` the negated member, and a value converted before matching (to-string, to-numeric,
 * to-array, gjson) is printed as converted, with the conversions and the original value. The shape of the
 * matcher is rebuilt here from the spec's value, as goss's resource/gomega.go builds it; whether a part matches
 * is slipway's own matchers' verdict, so the wording never disagrees with the outcome.
 */
import type { CheckResult } from '../../check/run.js';
import { compileMatcher, type Matcher, type MatchResult, SCHEMAS } from '../../spec/index.js';
import { gjsonGet, parseGjsonPath } from '../../spec/matchers/gjson.js';
import { patternRule, scanLines } from '../../spec/matchers/patterns.js';
import {
  deepEqual,
  goFormat,
  isCollection,
  isRecord,
  toArray,
  toGoString,
  toNumeric,
  valuesOf,
} from '../../spec/matchers/values.js';

/** goss matchers.MatcherResult; `null` where Go has nil. */
export interface MatcherResult {
  actual: unknown;
  message: string;
  expected: unknown;
  missingElements: unknown;
  foundElements: unknown;
  extraElements: unknown;
  transformChain: unknown[] | null;
  untransformedValue: unknown;
}

const ZERO: MatcherResult = {
  actual: null,
  message: '',
  expected: null,
  missingElements: null,
  foundElements: null,
  extraElements: null,
  transformChain: null,
  untransformedValue: null,
};

/** goss's result codes. */
export const SUCCESS = 0;
export const FAIL = 1;
export const SKIP = 2;

export interface GossResult {
  r: CheckResult;
  result: number;
  err: string | null;
  matcher: MatcherResult;
}

export function gossResult(r: CheckResult): GossResult {
  if (r.outcome === 'skip') return { r, result: SKIP, err: null, matcher: ZERO };
  if (r.outcome === 'pass')
    return {
      r,
      result: SUCCESS,
      err: null,
      matcher: { ...ZERO, actual: r.found, message: 'matches expectation', expected: r.expectedValue },
    };
  // Nothing was read: goss's result carries only the error.
  if (r.error !== null && r.found === null) return { r, result: FAIL, err: r.error, matcher: ZERO };
  const node = build(r.expectedValue, isTextProperty(r));
  return { r, result: FAIL, err: r.error, matcher: failure(node, r.found) };
}

// ---------------------------------------------------------------------------------------------------------
// The matcher, shaped as goss builds it from the spec's value.

interface Transform {
  /** How goss marshals it in `transform-chain`. */
  json: unknown;
  apply(v: unknown): { value: unknown; error?: boolean };
}

const TO_STRING: Transform = { json: { 'to-string': {} }, apply: (v) => ({ value: toGoString(v) }) };
const TO_ARRAY: Transform = { json: { 'to-array': {} }, apply: (v) => ({ value: toArray(v) }) };
const TO_NUMERIC: Transform = {
  json: { 'to-numeric': {} },
  apply: (v) => {
    const n = toNumeric(v);
    return n.ok ? { value: n.value } : { value: 0, error: true };
  },
};
const gjsonAt = (path: string): Transform => ({
  json: { gjson: { Path: path } },
  apply: (v) => {
    const p = parseGjsonPath(path);
    if (typeof v !== 'string' || !p.ok) return { value: null, error: true };
    let doc: unknown;
    try {
      doc = JSON.parse(v);
    } catch {
      return { value: null, error: true };
    }
    const got = gjsonGet(doc, p.path);
    return got.exists ? { value: got.value } : { value: null, error: true };
  },
});

type Node =
  | { kind: 'transform'; raw: unknown; t: Transform; inner: Node }
  /** A matcher on one value: its failure message and what it prints as expected. */
  | { kind: 'value'; raw: unknown; message: string; expected: unknown; json: unknown }
  | { kind: 'patterns'; raw: unknown; patterns: unknown[]; text: boolean }
  | { kind: 'key' | 'element'; raw: unknown; inner: Node }
  | { kind: 'elements' | 'consist' | 'and' | 'or'; raw: unknown; members: Node[] }
  | { kind: 'not'; raw: unknown; inner: Node };

const value = (raw: unknown, message: string, expected: unknown, json: unknown = expected): Node => ({
  kind: 'value',
  raw,
  message,
  expected,
  json,
});
const transform = (raw: unknown, t: Transform, inner: Node): Node => ({ kind: 'transform', raw, t, inner });
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const VALUE_MATCHERS: Record<string, string> = {
  'have-prefix': 'to have prefix',
  'have-suffix': 'to have suffix',
  'contain-substring': 'to contain substring',
  'match-regexp': 'to match regular expression',
};

/** goss resource/gomega.go `matcherToGomegaMatcher`, as a shape. `text`: a list is line patterns. */
function build(raw: unknown, text = false): Node {
  if (text && Array.isArray(raw)) return { kind: 'patterns', raw, patterns: raw, text: true };
  if (typeof raw === 'string') return transform(raw, TO_STRING, value({ equal: raw }, 'to equal', raw));
  if (typeof raw === 'number')
    return transform(raw, TO_NUMERIC, value(raw, 'to be numerically eq', raw, { eq: raw }));
  if (Array.isArray(raw)) return { kind: 'elements', raw, members: raw.map((x) => build(x)) };
  if (!isRecord(raw) || Object.keys(raw).length !== 1) return value(raw, 'to equal', raw);
  const [name, arg] = Object.entries(raw)[0] as [string, unknown];
  const msg = VALUE_MATCHERS[name];
  if (msg) return transform(raw, TO_STRING, value(raw, msg, arg, raw));
  switch (name) {
    case 'equal':
      return value(raw, 'to equal', arg);
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return transform(raw, TO_NUMERIC, value(raw, `to be numerically ${name}`, arg, raw));
    case 'have-len':
      return value(raw, 'to have length', arg, raw);
    case 'semver-constraint':
      return value(raw, 'to satisfy semver constraint', arg, raw);
    case 'have-patterns':
      return transform(raw, TO_STRING, { kind: 'patterns', raw, patterns: list(arg), text: false });
    case 'have-key':
      return { kind: 'key', raw, inner: build(arg) };
    case 'contain-element':
      return transform(raw, TO_ARRAY, { kind: 'element', raw, inner: build(arg) });
    case 'contain-elements':
      return transform(raw, TO_ARRAY, { kind: 'elements', raw, members: list(arg).map((x) => build(x)) });
    case 'consist-of':
    case 'and':
    case 'or':
      return {
        kind: name === 'consist-of' ? 'consist' : name,
        raw,
        members: list(arg).map((x) => build(x)),
      };
    case 'not':
      return { kind: 'not', raw, inner: build(arg) };
    case 'gjson':
      return {
        kind: 'and',
        raw,
        members: Object.entries(isRecord(arg) ? arg : {}).map(([path, sub]) =>
          transform({ gjson: { [path]: sub } }, gjsonAt(path), build(sub)),
        ),
      };
    default:
      return value(raw, 'to equal', raw);
  }
}

/** How goss marshals a matcher where it prints one (members of lists, `and`, `or`, `not`...). */
function matcherJson(n: Node): unknown {
  switch (n.kind) {
    case 'transform':
      return matcherJson(n.inner);
    case 'value':
      return n.json;
    case 'patterns':
      return { 'have-patterns': n.patterns };
    case 'key':
      return { 'have-key': matcherJson(n.inner) };
    case 'element':
      return { 'contain-element': matcherJson(n.inner) };
    case 'elements':
      return { 'contain-elements': n.members.map(matcherJson) };
    case 'consist':
      return { 'consist-of': n.members.map(matcherJson) };
    case 'and':
      return n.members.length === 1 ? matcherJson(n.members[0] as Node) : { and: n.members.map(matcherJson) };
    case 'or':
      return { or: n.members.map(matcherJson) };
    case 'not':
      return { not: matcherJson(n.inner) };
  }
}

const compiled = new WeakMap<Node, Matcher | undefined>();

/** slipway's verdict for one part (compiled from its spec value; only asked of parts built from one). */
function test(n: Node, v: unknown): MatchResult {
  if (!compiled.has(n))
    compiled.set(n, compileMatcher(n.raw, { patterns: n.kind === 'patterns' && n.text }).matcher);
  const m = compiled.get(n);
  return m ? m.test(v) : { ok: false };
}

/** Kuhn's matching of members to elements; the indexes left over on each side. */
function bipartite(members: readonly Node[], elements: readonly unknown[]) {
  const fits = members.map((m) => elements.map((e) => test(m, e).ok));
  const owner: (number | undefined)[] = elements.map(() => undefined);
  const assign = (mi: number, seen: boolean[]): boolean => {
    for (let ei = 0; ei < elements.length; ei++) {
      if (!fits[mi]?.[ei] || seen[ei]) continue;
      seen[ei] = true;
      const cur = owner[ei];
      if (cur === undefined || assign(cur, seen)) {
        owner[ei] = mi;
        return true;
      }
    }
    return false;
  };
  const freeMembers = members
    .map((_, i) => i)
    .filter(
      (i) =>
        !assign(
          i,
          elements.map(() => false),
        ),
    );
  const freeElements = elements.map((_, i) => i).filter((i) => owner[i] === undefined);
  return { freeMembers, freeElements };
}

/** goss HavePatterns: which patterns were found (in the order seen) and which are missing. */
function scanPatterns(patterns: readonly unknown[], actual: unknown) {
  const strings = patterns.filter((p): p is string => typeof p === 'string');
  const rules = strings.flatMap((p) => {
    const r = patternRule(p);
    return 'error' in r ? [] : [r];
  });
  // A pattern that is not a string or not a regexp: goss's matcher errors before it reads a line.
  const usable = rules.length === patterns.length;
  if (!usable || !rules.length || (typeof actual !== 'string' && !Array.isArray(actual)))
    return { found: null, missing: null };
  let pending = rules;
  const found: string[] = [];
  for (const line of scanLines(toGoString(actual))) {
    const next = [];
    for (const r of pending) {
      if (!r.test(line)) next.push(r);
      else if (!r.inverse) found.push(r.pattern);
    }
    pending = next;
    if (!pending.length) break;
  }
  for (const r of pending) if (r.inverse || r.pattern === '') found.push(r.pattern);
  const missing = found.length === strings.length ? [] : strings.filter((p) => !found.includes(p));
  return { found: found.length ? found : null, missing: missing.length ? missing : null };
}

/** What HavePatterns prints as the value it read. */
const patternsActual = (v: unknown, negated: boolean) =>
  typeof v === 'string' || (!negated && Array.isArray(v) && v.every((x) => typeof x === 'string'))
    ? v
    : `object: ${goTypeName(v)}`;

function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** Follows nested conversions to the matcher under them, as goss does for its chain. */
function unwrap(n: Node, actual: unknown) {
  const chain: unknown[] = [];
  let v = actual;
  let cur = n;
  let ran = true;
  while (cur.kind === 'transform') {
    if (ran) {
      const r = cur.t.apply(v);
      if (r.error || !deepEqual(v, r.value)) chain.push(cur.t.json);
      v = r.value;
      ran = !r.error;
    } else v = null;
    cur = cur.inner;
  }
  return { leaf: cur, value: v, chain };
}

const result = (actual: unknown, message: string, expected: unknown, extra: Partial<MatcherResult> = {}) => ({
  ...ZERO,
  actual,
  message,
  expected,
  ...extra,
});

/** goss's FailureResult of a matcher that did not match `actual`. */
function failure(n: Node, actual: unknown): MatcherResult {
  switch (n.kind) {
    case 'transform': {
      const { leaf, value: v, chain } = unwrap(n, actual);
      return { ...failure(leaf, v), transformChain: chain.length ? chain : null, untransformedValue: actual };
    }
    case 'value':
      return result(actual, n.message, n.expected);
    case 'patterns': {
      const { found, missing } = scanPatterns(n.patterns, actual);
      return result(patternsActual(actual, false), 'to have patterns', n.patterns, {
        missingElements: missing,
        foundElements: found,
      });
    }
    case 'key':
      return result(actual, 'to have key matching', matcherJson(n.inner));
    case 'element':
      return result(actual, 'to contain element matching', matcherJson(n.inner));
    case 'elements':
    case 'consist': {
      const expected = n.members.map(matcherJson);
      const message = n.kind === 'elements' ? 'to contain elements matching' : 'to consist of';
      if (!isCollection(actual)) return result(actual, message, expected);
      const values = valuesOf(actual);
      const { freeMembers, freeElements } = bipartite(n.members, values);
      const missing = freeMembers.map((i) => expected[i]);
      if (n.kind === 'elements')
        return result(actual, message, expected, {
          missingElements: missing,
          foundElements: expected.filter((_, i) => !freeMembers.includes(i)),
        });
      return result(actual, message, expected, {
        missingElements: missing,
        extraElements: freeElements.map((i) => values[i]),
      });
    }
    case 'and': {
      const first = n.members.find((m) => !test(m, actual).ok);
      return first ? failure(first, actual) : result(actual, '', matcherJson(n));
    }
    case 'or':
      return result(actual, 'to satisfy at least one of these matchers', n.members.map(matcherJson));
    case 'not':
      return negatedFailure(n.inner, actual);
  }
}

/** goss's NegatedFailureResult: `n` matched where it must not (under `not`). */
function negatedFailure(n: Node, actual: unknown): MatcherResult {
  switch (n.kind) {
    case 'transform': {
      const { leaf, value: v, chain } = unwrap(n, actual);
      return {
        ...negatedFailure(leaf, v),
        transformChain: chain.length ? chain : null,
        untransformedValue: actual,
      };
    }
    case 'value':
      return result(actual, `not ${n.message}`, n.expected);
    case 'patterns':
      return result(patternsActual(actual, true), 'not to have patterns', n.patterns);
    case 'key':
      return result(actual, 'not to have key matching', matcherJson(n.inner));
    case 'element':
      return result(actual, 'not to contain element matching', matcherJson(n.inner));
    case 'elements':
      return result(actual, 'not to contain elements matching', n.members.map(matcherJson));
    case 'consist':
      return result(actual, 'not to consist of', n.members.map(matcherJson));
    case 'and':
      return result(actual, 'not to satisfy all of these matchers', n.members.map(matcherJson));
    case 'or': {
      const first = n.members.find((m) => test(m, actual).ok);
      return first ? negatedFailure(first, actual) : result(actual, '', matcherJson(n));
    }
    case 'not':
      return failure(n.inner, actual);
  }
}

const TEXT_PROPERTIES = new Set(
  Object.values(SCHEMAS).flatMap((s) =>
    s.attributes.filter((a) => a.kind === 'contents-list').map((a) => `${s.name}\0${a.result ?? a.name}`),
  ),
);

/** contents, stdout, Body...: where a plain list in the spec is a list of line patterns. */
const isTextProperty = (r: CheckResult) => TEXT_PROPERTIES.has(`${r.resourceType}\0${r.property}`);

// ---------------------------------------------------------------------------------------------------------
// How goss's outputs print a result (outputs/outputs.go).

const INDENT = '    ';
const indentLines = (s: string) =>
  s
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => INDENT + l)
    .join('\n');

/** goss `prettyPrint`: one-line JSON without HTML escaping, indented when not compact. */
const pretty = (v: unknown, indent: boolean) => (indent ? indentLines(goJson(v)) : goJson(v));

/**
 * A result as goss words it: one line for a pass or skip; for a failure, the property line then what was
 * found, the matcher's message, what was expected (or the error), and the missing/extra elements and value
 * conversions when there are some. `compact` joins it on one line (tap, junit, `summary-line-compact`);
 * `includeRaw` adds the value before conversion.
 */
export function humanize(g: GossResult, compact: boolean, includeRaw: boolean): string {
  const { r, matcher: m } = g;
  const head = `${r.resourceType}: ${r.resourceId}: ${r.property}`;
  if (g.result === SUCCESS) return `${head}: ${m.message}: ${pretty(m.expected, false)}`;
  if (g.result === SKIP) return `${head}: skipped`;
  const sep = compact ? ' ' : '\n';
  const lines =
    g.err !== null
      ? ['Error', compact ? g.err.replace(/[\t\n\f\r ]+/g, ' ') : indentLines(g.err)]
      : ['Expected', pretty(m.actual, !compact), m.message, pretty(m.expected, !compact)];
  if (m.missingElements !== null)
    lines.push('the missing elements were', pretty(m.missingElements, !compact));
  if (m.extraElements !== null) lines.push('the extra elements were', pretty(m.extraElements, !compact));
  if (m.transformChain !== null) {
    lines.push('the transform chain was', pretty(m.transformChain, !compact));
    if (includeRaw) lines.push('the raw value was', pretty(m.untransformedValue, !compact));
  }
  return `${head}:${sep}${lines.join(sep)}`;
}

/** goss's `Title:`/`Meta:` lines printed before a resource's results. */
export function header(r: CheckResult): string {
  let out = r.title ? `Title: ${r.title}\n` : '';
  if (r.meta !== null) {
    out += 'Meta:\n';
    for (const k of Object.keys(r.meta).sort()) out += `${INDENT}${k}: ${goFormat(r.meta[k])}\n`;
  }
  return out;
}

/** The matcher result as goss's `matcher-result` (an ordered struct). */
export const matcherResultJson = (m: MatcherResult) =>
  new Map<string, unknown>([
    ['actual', m.actual],
    ['message', m.message],
    ['expected', m.expected],
    ['missing-elements', m.missingElements],
    ['found-elements', m.foundElements],
    ['extra-elements', m.extraElements],
    ['transform-chain', m.transformChain],
    ['untransformed-value', m.untransformedValue],
  ]);

// ---------------------------------------------------------------------------------------------------------
// Go's encodings.

/**
 * Go encoding/json: a `Map` is a struct (fields in order), a plain object a Go map (keys sorted). `html`
 * escapes <, > and & as json.Marshal does (goss's prettyPrint turns that off); `indent` as MarshalIndent.
 */
export function goJson(v: unknown, opts: { html?: boolean; indent?: string } = {}, depth = 0): string {
  const nl = opts.indent === undefined ? '' : `\n${opts.indent.repeat(depth + 1)}`;
  const end = opts.indent === undefined ? '' : `\n${opts.indent.repeat(depth)}`;
  const colon = opts.indent === undefined ? ':' : ': ';
  const str = (s: string) => {
    const j = JSON.stringify(s)
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
    return opts.html ? j.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') : j;
  };
  const entries = (es: [string, unknown][]) =>
    es.length
      ? `{${es.map(([k, x]) => `${nl}${str(k)}${colon}${goJson(x, opts, depth + 1)}`).join(',')}${end}}`
      : '{}';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v))
    return v.length ? `[${v.map((x) => `${nl}${goJson(x, opts, depth + 1)}`).join(',')}${end}]` : '[]';
  if (v instanceof Map) return entries([...v.entries()] as [string, unknown][]);
  if (isRecord(v))
    return entries(
      Object.keys(v)
        .sort()
        .map((k) => [k, v[k]]),
    );
  return str(String(v));
}

/** Go encoding/xml EscapeText. */
export function xmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '&#34;';
    else if (ch === "'") out += '&#39;';
    else if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '\t') out += '&#x9;';
    else if (ch === '\n') out += '&#xA;';
    else if (ch === '\r') out += '&#xD;';
    else if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) out += '\uFFFD';
    else out += ch;
  }
  return out;
}

/** Go time.Time in JSON (RFC 3339 with the fraction's trailing zeros dropped), in UTC. */
export const goTime = (ms: number) => new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
/** Go time.RFC3339 (whole seconds), in UTC. */
export const goTimeSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
export const nanoseconds = (ms: number) => Math.round(ms * 1e6);
/** `%.3f` of a duration in seconds. */
export const seconds3 = (ms: number) => (ms / 1000).toFixed(3);
