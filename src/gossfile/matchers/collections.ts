/**
 * Matchers on lists and maps (gomega, as goss v0.4 wires them; the to-array transform goss puts before
 * contain-element(s) is added in `compile.ts`):
 * - a plain YAML list is `contain-elements` WITHOUT converting the value: it needs a list (or map) and
 *   each entry must match a different element (so `[root, root]` needs two "root"s);
 * - `consist-of`: the same elements, each matched once, order free;
 * - `have-key`: a map key matching the sub-matcher (a plain string is equality);
 * - `gjson`: each path of the JSON text must exist and its value match.
 * Elements that make a sub-matcher error count as non-matching, as in gomega. goss reports the members it
 * could not match (missing), those it could (found) and, for consist-of, the elements left over (extra).
 */
import type { GjsonPath } from './gjson.js';
import { and } from './logic.js';
import { gjsonAt, transformed } from './transforms.js';
import { fail, leafMatcher, type Matcher, type MatchResult, matchError, PASS } from './types.js';
import { gomegaObject, isCollection, isRecord, show, valuesOf } from './values.js';

/** A largest matching of members to elements (Kuhn); the indexes left over on each side. */
function bipartite(members: readonly Matcher[], elements: readonly unknown[]) {
  const fits = members.map((m) => elements.map((e) => m.test(e).ok));
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
    .map((_, mi) => mi)
    .filter(
      (mi) =>
        !assign(
          mi,
          elements.map(() => false),
        ),
    );
  const freeElements = elements.map((_, ei) => ei).filter((ei) => owner[ei] === undefined);
  return { freeMembers, freeElements };
}

const describeAll = (ms: readonly Matcher[]) => `[${ms.map((m) => m.describe()).join(', ')}]`;
const notCollection = (name: string, actual: unknown) =>
  matchError(`${name} matcher expects an array/slice/map.  Got:\n${gomegaObject(actual)}`);

/** goss reports missing (and extra) elements only when there are some; found ones always. */
const some = (xs: unknown[]) => (xs.length ? xs : null);

/** gomega ContainElements. */
export function containElements(ms: readonly Matcher[]): Matcher {
  const describe = `contain elements ${describeAll(ms)}`;
  const members = ms.map((m) => m.json);
  return leafMatcher({
    name: 'contain-elements',
    describe,
    says: 'to contain elements matching',
    expected: members,
    unmatched: { foundElements: members },
    check: (actual) => {
      if (!isCollection(actual)) return notCollection('ContainElements', actual);
      const { freeMembers } = bipartite(ms, valuesOf(actual));
      if (!freeMembers.length) return PASS;
      const names = freeMembers.map((i) => (ms[i] as Matcher).describe()).join(', ');
      return {
        ok: false,
        message: `expected ${show(actual)} to ${describe}; missing: ${names}`,
        findings: {
          missingElements: freeMembers.map((i) => members[i]),
          foundElements: members.filter((_, i) => !freeMembers.includes(i)),
        },
      };
    },
  });
}

/** gomega ConsistOf. */
export function consistOf(ms: readonly Matcher[]): Matcher {
  const members = ms.map((m) => m.json);
  return leafMatcher({
    name: 'consist-of',
    describe: `consist of ${describeAll(ms)}`,
    says: 'to consist of',
    expected: members,
    unmatched: { foundElements: members },
    check: (actual) => {
      if (!isCollection(actual)) return notCollection('ConsistOf', actual);
      const values = valuesOf(actual);
      const { freeMembers, freeElements } = bipartite(ms, values);
      if (!freeMembers.length && !freeElements.length) return PASS;
      return {
        ok: false,
        findings: {
          missingElements: some(freeMembers.map((i) => members[i])),
          foundElements: members.filter((_, i) => !freeMembers.includes(i)),
          extraElements: some(freeElements.map((i) => values[i])),
        },
      };
    },
  });
}

/** gomega ContainElement: some element matches; when none does, the last sub-matcher error is the error. */
export function containElement(m: Matcher): Matcher {
  return leafMatcher({
    name: 'contain-element',
    describe: `contain element matching (${m.describe()})`,
    says: 'to contain element matching',
    expected: m.json,
    check: (actual) => {
      if (!isCollection(actual)) return notCollection('ContainElement', actual);
      let lastError: MatchResult | undefined;
      for (const el of valuesOf(actual)) {
        const r = m.test(el);
        if (r.ok) return PASS;
        if (r.error) lastError = r;
      }
      return lastError ? matchError(lastError.message ?? '') : fail();
    },
  });
}

/** gomega HaveKey: some key matches; a key the sub-matcher errors on is an error. */
export function haveKey(key: Matcher): Matcher {
  return leafMatcher({
    name: 'have-key',
    describe: `have key matching (${key.describe()})`,
    says: 'to have key matching',
    expected: key.json,
    check: (actual) => {
      if (!isRecord(actual)) return matchError(`HaveKey matcher expects a map.  Got:${gomegaObject(actual)}`);
      for (const k of Object.keys(actual)) {
        const r = key.test(k);
        if (r.error) return matchError(`HaveKey's key matcher failed with:\n    ${r.message ?? ''}`);
        if (r.ok) return PASS;
      }
      return fail();
    },
  });
}

/** goss's gjson: `and` of each path's value (the gjson transform) under its matcher. */
export function gjson(entries: readonly { path: string; parsed: GjsonPath; m: Matcher }[]): Matcher {
  const all = and(entries.map((e) => transformed(gjsonAt(e.path, e.parsed), e.m)));
  const describe = `have JSON ${entries.map((e) => `${e.path} (${e.m.describe()})`).join(', ')}`;
  return { ...all, name: 'gjson', describe: () => describe };
}
