/** `and`, `or`, `not` (goss matchers/and.go, or.go, not.go): an error in a sub-matcher is never a pass. */
import { matcher } from './scalar.js';
import { failure, type Matcher, PASS } from './types.js';
import { show } from './values.js';

export function and(ms: readonly Matcher[], expected: unknown): Matcher {
  const d =
    ms.length === 1
      ? (ms[0] as Matcher).describe()
      : `satisfy all of [${ms.map((m) => m.describe()).join('; ')}]`;
  return matcher('and', expected, d, (actual) => {
    for (const m of ms) {
      const r = m.test(actual);
      if (!r.ok) return r;
    }
    return PASS;
  });
}

export function or(ms: readonly Matcher[], expected: unknown): Matcher {
  const d = `satisfy at least one of [${ms.map((m) => m.describe()).join('; ')}]`;
  return matcher('or', expected, d, (actual) => {
    for (const m of ms) {
      const r = m.test(actual);
      if (r.error) return r;
      if (r.ok) return PASS;
    }
    return failure(`expected ${show(actual)} to ${d}`);
  });
}

export function not(m: Matcher, expected: unknown): Matcher {
  const d = `not ${m.describe()}`;
  return matcher('not', expected, d, (actual) => {
    const r = m.test(actual);
    if (r.error) return r;
    return r.ok ? failure(`expected ${show(actual)} to ${d}`) : PASS;
  });
}
