/**
 * `and`, `or`, `not` (goss matchers/and.go, or.go, not.go): an error in a member is never a pass. goss
 * explains a failure by the member that decided it: `and` by its first failing member, `not` by its member's
 * negated report, `or` under `not` by its first matching member's; otherwise by the members as a whole.
 */
import { type Matcher, type MatchResult, type Reports, report } from './types.js';
import { show } from './values.js';

const jsons = (ms: readonly Matcher[]) => ms.map((m) => m.json);

/** goss's report of the members as a whole: `to satisfy <all | at least one> of these matchers`. */
const asAWhole =
  (ms: readonly Matcher[], which: string) =>
  (actual: unknown): Reports => ({
    failure: report(actual, `to satisfy ${which} of these matchers`, jsons(ms)),
    negated: report(actual, `not to satisfy ${which} of these matchers`, jsons(ms)),
  });

/** Members tested in order until one decides: every result so far, and the deciding one. */
function untilDecided(ms: readonly Matcher[], actual: unknown, decides: (r: MatchResult) => boolean) {
  const children: MatchResult[] = [];
  for (const m of ms) {
    const r = m.test(actual);
    children.push(r);
    if (decides(r)) return { children, decided: r };
  }
  return { children, decided: undefined };
}

/** A member's verdict, passed on as it is. */
const verdict = (r: MatchResult) => ({
  ok: r.ok,
  ...(r.message === undefined ? {} : { message: r.message }),
  ...(r.error ? { error: true } : {}),
});

export function and(ms: readonly Matcher[]): Matcher {
  const describe =
    ms.length === 1
      ? (ms[0] as Matcher).describe()
      : `satisfy all of [${ms.map((m) => m.describe()).join('; ')}]`;
  // goss has no report of a failed `and` without a failed member (it never asks for one).
  const whole = asAWhole(ms, 'all');
  return {
    name: 'and',
    json: ms.length === 1 ? (ms[0] as Matcher).json : { and: jsons(ms) },
    describe: () => describe,
    unapplied: whole,
    test(actual) {
      const { children, decided: r } = untilDecided(ms, actual, (x) => !x.ok);
      if (r)
        return {
          ...verdict(r),
          matcher: 'and',
          children,
          failure: r.failure,
          negated: whole(actual).negated,
        };
      return { matcher: 'and', ok: true, children, ...whole(actual) };
    },
  };
}

export function or(ms: readonly Matcher[]): Matcher {
  const describe = `satisfy at least one of [${ms.map((m) => m.describe()).join('; ')}]`;
  const whole = asAWhole(ms, 'at least one');
  return {
    name: 'or',
    json: { or: jsons(ms) },
    describe: () => describe,
    unapplied: whole,
    test(actual) {
      const { children, decided: r } = untilDecided(ms, actual, (x) => Boolean(x.error) || x.ok);
      if (r?.error) return { ...verdict(r), ...whole(actual), matcher: 'or', children };
      if (r) return { matcher: 'or', ok: true, children, failure: whole(actual).failure, negated: r.negated };
      return {
        matcher: 'or',
        ok: false,
        message: `expected ${show(actual)} to ${describe}`,
        children,
        ...whole(actual),
      };
    },
  };
}

export function not(m: Matcher): Matcher {
  const describe = `not ${m.describe()}`;
  const swap = (r: Reports): Reports => ({ failure: r.negated, negated: r.failure });
  return {
    name: 'not',
    json: { not: m.json },
    describe: () => describe,
    unapplied: (actual) => swap(m.unapplied(actual)),
    test(actual) {
      const r = m.test(actual);
      const base = { matcher: 'not', children: [r], ...swap(r) };
      if (r.error) return { ...base, ...verdict(r) };
      return r.ok
        ? { ...base, ok: false, message: `expected ${show(actual)} to ${describe}` }
        : { ...base, ok: true };
    },
  };
}
