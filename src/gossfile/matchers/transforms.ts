/**
 * goss's transforms (matchers/type_conversion.go) and how a matcher runs under one (with_safe_transform.go):
 * the value is converted, then the matcher under it sees the result. A transform that fails errors with its
 * Go name before the reason (`matchers.ToNumeric{}: strconv.ParseFloat: ...`) and the matcher under it is not
 * applied. In goss's reports a transform is transparent: the innermost matcher reports, and the transforms
 * nested directly above it that changed the value are listed (outermost first) with the value before them.
 */
import type { GjsonPath } from './gjson.js';
import { gjsonGet } from './gjson.js';
import type { Matcher, MatchReport, MatchResult, Reports } from './types.js';
import { deepEqual, gomegaObject, goQuote, show, toArray, toGoString, toNumeric } from './values.js';

export interface Transform {
  name: 'to-string' | 'to-numeric' | 'to-array' | 'gjson';
  /** How goss marshals it in `transform-chain`. */
  json: unknown;
  /** Go's `%#v` of it, which its errors start with. */
  goName: string;
  apply(v: unknown): { value: unknown; error?: string };
  /**
   * How slipway's own message names a failure under it: to-string and to-numeric name the value as observed,
   * gjson names its path.
   */
  explain?: (actual: unknown, under: Matcher, result: MatchResult) => string;
}

const asObserved = (actual: unknown, under: Matcher) => `expected ${show(actual)} to ${under.describe()}`;

export const TO_STRING: Transform = {
  name: 'to-string',
  json: { 'to-string': {} },
  goName: 'matchers.ToString{}',
  apply: (v) => ({ value: toGoString(v) }),
  explain: asObserved,
};

export const TO_NUMERIC: Transform = {
  name: 'to-numeric',
  json: { 'to-numeric': {} },
  goName: 'matchers.ToNumeric{}',
  apply: (v) => {
    const n = toNumeric(v);
    return n.ok ? { value: n.value } : { value: 0, error: n.error };
  },
  explain: asObserved,
};

export const TO_ARRAY: Transform = {
  name: 'to-array',
  json: { 'to-array': {} },
  goName: 'matchers.ToArray{}',
  apply: (v) => ({ value: toArray(v) }),
};

/** goss `Gjson{Path}`: the value at a path of the JSON text. */
export function gjsonAt(path: string, parsed: GjsonPath): Transform {
  return {
    name: 'gjson',
    json: { gjson: { Path: path } },
    goName: `matchers.Gjson{Path:${goQuote(path)}}`,
    apply: (v) => {
      if (typeof v !== 'string') return { value: null, error: `Expected string, Got:${gomegaObject(v)}` };
      let doc: unknown;
      try {
        doc = JSON.parse(v);
      } catch {
        return { value: null, error: 'Invalid json' };
      }
      const got = gjsonGet(doc, parsed);
      return got.exists ? { value: got.value } : { value: null, error: `Path not found: ${path}` };
    },
    explain: (_, __, r) => `${path}: ${r.message}`,
  };
}

/** goss's chain: this transform (when it changed the value) and those nested directly under it. */
function chained(
  actual: unknown,
  own: { json: unknown; changed: boolean },
  under: Reports,
  nested: boolean,
): Reports {
  const wrap = (r: MatchReport): MatchReport => {
    const chain = [...(own.changed ? [own.json] : []), ...(nested ? (r.transformChain ?? []) : [])];
    return { ...r, transformChain: chain.length ? chain : null, untransformedValue: actual };
  };
  return { failure: wrap(under.failure), negated: wrap(under.negated) };
}

/** goss `WithSafeTransform(t, m)`. */
export function transformed(t: Transform, under: Matcher): Matcher {
  return {
    name: under.name,
    // goss marshals a transform as the matcher under it.
    json: under.json,
    describe: () => under.describe(),
    // Never applied, its own converted value is Go's nil, and it is not in the chain.
    unapplied: () => under.unapplied(null),
    test(actual) {
      const out = t.apply(actual);
      const own = { json: t.json, changed: !deepEqual(actual, out.value), value: out.value };
      if (out.error !== undefined)
        return {
          matcher: t.name,
          ok: false,
          message: `${t.goName}: ${out.error}`,
          error: true,
          transform: own,
          ...chained(actual, own, under.unapplied(out.value), false),
        };
      const r = under.test(out.value);
      const message = r.ok || r.error || !t.explain ? r.message : t.explain(actual, under, r);
      return {
        matcher: t.name,
        ok: r.ok,
        ...(message === undefined ? {} : { message }),
        ...(r.error ? { error: true } : {}),
        transform: own,
        children: [r],
        ...chained(actual, own, r, r.transform !== undefined),
      };
    },
  };
}
