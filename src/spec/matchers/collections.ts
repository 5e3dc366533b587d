/**
 * Matchers on lists and maps (gomega, as goss v0.4 wires them):
 * - a plain YAML list is `contain-elements` WITHOUT converting the value: it needs a list (or map) and
 *   each entry must match a different element (so `[root, root]` needs two "root"s);
 * - `contain-elements` / `contain-element` first turn a string into its lines;
 * - `consist-of`: the same elements, each matched once, order free;
 * - `have-len`: bytes of a string, items of a list, keys of a map;
 * - `have-key`: a map key matching the sub-matcher (a plain string is equality);
 * - `gjson`: each path of the JSON text must exist and its value match.
 * Elements that make a sub-matcher error count as non-matching, as in gomega.
 */
import { type GjsonPath, gjsonGet } from './gjson.js';
import { matcher } from './scalar.js';
import { failure, type Matcher, type MatchResult, matchError, PASS } from './types.js';
import { goLen, isCollection, isRecord, show, toArray, valuesOf } from './values.js';

/** Largest bipartite matching between matchers and elements (Kuhn); returns unmatched matcher indexes. */
function unmatched(matchers: readonly Matcher[], elements: readonly unknown[]): number[] {
  const fits = matchers.map((m) => elements.map((e) => m.test(e).ok));
  const owner: (number | undefined)[] = elements.map(() => undefined);
  const tryAssign = (mi: number, seen: boolean[]): boolean => {
    for (let ei = 0; ei < elements.length; ei++) {
      if (!fits[mi]?.[ei] || seen[ei]) continue;
      seen[ei] = true;
      const cur = owner[ei];
      if (cur === undefined || tryAssign(cur, seen)) {
        owner[ei] = mi;
        return true;
      }
    }
    return false;
  };
  return matchers
    .map((_, mi) => mi)
    .filter(
      (mi) =>
        !tryAssign(
          mi,
          elements.map(() => false),
        ),
    );
}

const describeAll = (ms: readonly Matcher[]) => `[${ms.map((m) => m.describe()).join(', ')}]`;

export function containElements(ms: readonly Matcher[], expected: unknown, toLines: boolean): Matcher {
  const d = `contain elements ${describeAll(ms)}`;
  return matcher(toLines ? 'contain-elements' : 'list', expected, d, (raw) => {
    const actual = toLines ? toArray(raw) : raw;
    if (!isCollection(actual))
      return matchError(`ContainElements matcher expects an array/slice/map. Got: ${show(actual)}`);
    const missing = unmatched(ms, valuesOf(actual));
    if (!missing.length) return PASS;
    const names = missing.map((i) => (ms[i] as Matcher).describe()).join(', ');
    return failure(`expected ${show(actual)} to ${d}; missing: ${names}`);
  });
}

export function containElement(m: Matcher, expected: unknown): Matcher {
  const d = `contain element matching (${m.describe()})`;
  return matcher('contain-element', expected, d, (raw) => {
    const actual = toArray(raw);
    if (!isCollection(actual))
      return matchError(`ContainElement matcher expects an array/slice/map. Got: ${show(actual)}`);
    let lastError: MatchResult | undefined;
    for (const el of valuesOf(actual)) {
      const r = m.test(el);
      if (r.ok) return PASS;
      if (r.error) lastError = r;
    }
    return lastError ?? failure(`expected ${show(actual)} to ${d}`);
  });
}

export function consistOf(ms: readonly Matcher[], expected: unknown): Matcher {
  const d = `consist of ${describeAll(ms)}`;
  return matcher('consist-of', expected, d, (actual) => {
    if (!isCollection(actual))
      return matchError(`ConsistOf matcher expects an array/slice/map. Got: ${show(actual)}`);
    const values = valuesOf(actual);
    const ok = values.length === ms.length && unmatched(ms, values).length === 0;
    return ok ? PASS : failure(`expected ${show(actual)} to ${d}`);
  });
}

export function haveLen(n: number): Matcher {
  const d = `have length ${n}`;
  return matcher('have-len', n, d, (actual) => {
    const len = goLen(actual);
    if (len === undefined)
      return matchError(`HaveLen matcher expects a string/array/map. Got: ${show(actual)}`);
    return len === n ? PASS : failure(`expected ${show(actual)} (length ${len}) to ${d}`);
  });
}

export function haveKey(key: Matcher, expected: unknown): Matcher {
  const d = `have key matching (${key.describe()})`;
  return matcher('have-key', expected, d, (actual) => {
    if (!isRecord(actual)) return matchError(`HaveKey matcher expects a map. Got: ${show(actual)}`);
    return Object.keys(actual).some((k) => key.test(k).ok)
      ? PASS
      : failure(`expected ${show(actual)} to ${d}`);
  });
}

export function gjson(
  entries: readonly { path: string; parsed: GjsonPath; m: Matcher }[],
  expected: unknown,
) {
  const d = `have JSON ${entries.map((e) => `${e.path} (${e.m.describe()})`).join(', ')}`;
  return matcher('gjson', expected, d, (actual) => {
    if (typeof actual !== 'string') return matchError(`Expected string, Got: ${show(actual)}`);
    let doc: unknown;
    try {
      doc = JSON.parse(actual);
    } catch {
      return matchError('Invalid json');
    }
    for (const e of entries) {
      const got = gjsonGet(doc, e.parsed);
      if (!got.exists) return matchError(`Path not found: ${e.path}`);
      const r = e.m.test(got.value);
      if (!r.ok)
        return {
          ...r,
          message: `${e.path}: ${r.message ?? `expected ${show(got.value)} to ${e.m.describe()}`}`,
        };
    }
    return PASS;
  });
}
