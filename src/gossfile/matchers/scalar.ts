/**
 * Matchers on one value (goss matchers/*.go over gomega's). The conversions goss puts before them (a plain
 * string is `equal` after to-string, a plain number numeric equality after to-numeric, have-prefix /
 * have-suffix / contain-substring / match-regexp after to-string, gt / ge / lt / le after to-numeric) are
 * added where the matcher is compiled (`compile.ts`, as resource/gomega.go does); here:
 * - `equal` is strict deep equality (a plain boolean is `equal` too: the string "true" is not `true`);
 * - semver-constraint takes a version string or a list of them, every one must satisfy the range.
 */
import { compileGoRegexp } from './regexp.js';
import { parseRange, parseVersion, type Version } from './semver.js';
import { fail, leafMatcher, type Matcher, matchError, PASS } from './types.js';
import { deepEqual, goLen, gomegaObject, goNumber, show } from './values.js';

const isNil = (v: unknown) => v === null || v === undefined;

export function equal(expected: unknown): Matcher {
  return leafMatcher({
    name: 'equal',
    json: expected,
    describe: `equal ${show(expected)}`,
    says: 'to equal',
    expected,
    check: (actual) =>
      isNil(actual) && isNil(expected)
        ? matchError(
            'Refusing to compare <nil> to <nil>.\nBe explicit and use BeNil() instead.  This is to avoid mistakes where both sides of an assertion are erroneously uninitialized.',
          )
        : deepEqual(actual, expected)
          ? PASS
          : fail(),
  });
}

const COMPARE = {
  eq: ['==', (a: number, b: number) => a === b],
  gt: ['>', (a: number, b: number) => a > b],
  ge: ['>=', (a: number, b: number) => a >= b],
  lt: ['<', (a: number, b: number) => a < b],
  le: ['<=', (a: number, b: number) => a <= b],
} as const;
export type Comparator = keyof typeof COMPARE;

/** gomega BeNumerically (`eq` is the plain-number matcher); a comparand that is not a number errors. */
export function numeric(op: Comparator, expected: unknown): Matcher {
  const [sym, cmp] = COMPARE[op];
  const shown = typeof expected === 'number' ? goNumber(expected) : show(expected);
  return leafMatcher({
    name: op === 'eq' ? 'equal' : op,
    json: { [op]: expected },
    describe: op === 'eq' ? `equal ${shown}` : `be ${sym} ${shown}`,
    says: `to be numerically ${op}`,
    expected,
    check: (actual) => {
      if (typeof actual !== 'number') return matchError(`Expected a number.  Got:\n${gomegaObject(actual)}`);
      if (typeof expected !== 'number')
        return matchError(`Expected a number.  Got:\n${gomegaObject(expected)}`);
      return cmp(actual, expected) ? PASS : fail();
    },
  });
}

const STRING_OPS = {
  'have-prefix': ['have prefix', (s: string, x: string) => s.startsWith(x)],
  'have-suffix': ['have suffix', (s: string, x: string) => s.endsWith(x)],
  'contain-substring': ['contain substring', (s: string, x: string) => s.includes(x)],
} as const;

/** On a string (the to-string transform comes first). */
export function stringOp(name: keyof typeof STRING_OPS, expected: string): Matcher {
  const [verb, test] = STRING_OPS[name];
  return leafMatcher({
    name,
    describe: `${verb} ${show(expected)}`,
    says: `to ${verb}`,
    expected,
    check: (actual) => (test(String(actual), expected) ? PASS : fail()),
  });
}

export function matchRegexp(source: string): Matcher {
  const re = compileGoRegexp(source);
  return leafMatcher({
    name: 'match-regexp',
    describe: `match regexp ${show(source)}`,
    says: 'to match regular expression',
    expected: source,
    check: (actual) => {
      if (!re.ok) return matchError(`RegExp match failed to compile with error:\n\t${re.error}`);
      return re.re.test(String(actual)) ? PASS : fail();
    },
  });
}

export function semverConstraint(constraint: string): Matcher {
  const range = parseRange(constraint);
  return leafMatcher({
    name: 'semver-constraint',
    describe: `satisfy semver constraint ${show(constraint)}`,
    says: 'to satisfy semver constraint',
    expected: constraint,
    check: (actual) => {
      if (!range) return matchError(`Expected a valid semver constraint.  Got:\n${gomegaObject(constraint)}`);
      const list = typeof actual === 'string' ? [actual] : Array.isArray(actual) ? actual : undefined;
      const versions = list?.map((v) => (typeof v === 'string' ? parseVersion(v) : undefined));
      if (!versions?.length || versions.some((v) => v === undefined))
        return matchError(
          `Expected a single or list of semver valid version(s).  Got:\n${gomegaObject(actual)}`,
        );
      return (versions as Version[]).every(range) ? PASS : fail();
    },
  });
}

/** gomega HaveLen: bytes of a string, items of a list, keys of a map. */
export function haveLen(n: number): Matcher {
  const describe = `have length ${n}`;
  return leafMatcher({
    name: 'have-len',
    describe,
    says: 'to have length',
    expected: n,
    check: (actual) => {
      const len = goLen(actual);
      if (len === undefined)
        return matchError(
          `HaveLen matcher expects a string/array/map/channel/slice.  Got:\n${gomegaObject(actual)}`,
        );
      return len === n ? PASS : fail(`expected ${show(actual)} (length ${len}) to ${describe}`);
    },
  });
}
