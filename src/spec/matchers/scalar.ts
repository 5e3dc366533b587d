/**
 * Matchers on one value (goss resource/gomega.go + matchers/*.go):
 * - a plain string is `equal` after the to-string transform (so `uid: "10001"` matches the number 10001);
 * - a plain number is numeric equality after the to-numeric transform (so `value: 128` matches "128");
 * - a plain boolean is strict equality (the string "true" is not `true`);
 * - `equal` is strict deep equality with no transform;
 * - have-prefix / have-suffix / contain-substring / match-regexp convert the value to a string first;
 * - gt / ge / lt / le convert it to a number first (a string that is not a number is an error);
 * - semver-constraint takes a version string or a list of them, every one must satisfy the range.
 */
import { compileGoRegexp } from './regexp.js';
import { parseRange, parseVersion, type Version } from './semver.js';
import { failure, type Matcher, type MatchResult, matchError, PASS } from './types.js';
import { deepEqual, gomegaObject, goNumber, show, toGoString, toNumeric } from './values.js';

type Check = (actual: unknown) => MatchResult;

export function matcher(name: string, expected: unknown, describe: string, test: Check): Matcher {
  return { name, expected, describe: () => describe, test };
}

const verdict = (ok: boolean, actual: unknown, describe: string): MatchResult =>
  ok ? PASS : failure(`expected ${show(actual)} to ${describe}`);

export function equal(expected: unknown): Matcher {
  const d = `equal ${show(expected)}`;
  return matcher('equal', expected, d, (actual) => {
    if ((actual === null || actual === undefined) && (expected === null || expected === undefined))
      return matchError('Refusing to compare <nil> to <nil>');
    return verdict(deepEqual(actual, expected), actual, d);
  });
}

export function stringEqual(expected: string): Matcher {
  const d = `equal ${show(expected)}`;
  return matcher('equal', expected, d, (actual) => verdict(toGoString(actual) === expected, actual, d));
}

const COMPARE = {
  eq: ['==', (a: number, b: number) => a === b],
  gt: ['>', (a: number, b: number) => a > b],
  ge: ['>=', (a: number, b: number) => a >= b],
  lt: ['<', (a: number, b: number) => a < b],
  le: ['<=', (a: number, b: number) => a <= b],
} as const;
export type Comparator = keyof typeof COMPARE;

/**
 * BeNumerically after the to-numeric transform; `eq` is the plain-number matcher. A value that is not a number
 * errors as goss's transform words it; so does a comparand that is not a number (`gt: ten`), as gomega does.
 */
export function numeric(op: Comparator, expected: unknown): Matcher {
  const [sym, cmp] = COMPARE[op];
  const shown = typeof expected === 'number' ? goNumber(expected) : show(expected);
  const d = op === 'eq' ? `equal ${shown}` : `be ${sym} ${shown}`;
  return matcher(op === 'eq' ? 'equal' : op, expected, d, (actual) => {
    const n = toNumeric(actual);
    if (!n.ok) return matchError(`matchers.ToNumeric{}: ${n.error}`);
    if (typeof expected !== 'number')
      return matchError(`Expected a number.  Got:\n${gomegaObject(expected)}`);
    return verdict(cmp(n.value, expected), actual, d);
  });
}

const STRING_OPS = {
  'have-prefix': ['have prefix', (s: string, x: string) => s.startsWith(x)],
  'have-suffix': ['have suffix', (s: string, x: string) => s.endsWith(x)],
  'contain-substring': ['contain substring', (s: string, x: string) => s.includes(x)],
} as const;

export function stringOp(name: keyof typeof STRING_OPS, expected: string): Matcher {
  const [verb, test] = STRING_OPS[name];
  const d = `${verb} ${show(expected)}`;
  return matcher(name, expected, d, (actual) => verdict(test(toGoString(actual), expected), actual, d));
}

export function matchRegexp(source: string): Matcher {
  const d = `match regexp ${show(source)}`;
  const re = compileGoRegexp(source);
  return matcher('match-regexp', source, d, (actual) => {
    if (!re.ok) return matchError(`RegExp match failed to compile with error:\n\t${re.error}`);
    return verdict(re.re.test(toGoString(actual)), actual, d);
  });
}

export function semverConstraint(constraint: string): Matcher {
  const d = `satisfy semver constraint ${show(constraint)}`;
  const range = parseRange(constraint);
  return matcher('semver-constraint', constraint, d, (actual) => {
    if (!range) return matchError(`Expected a valid semver constraint.  Got:\n${gomegaObject(constraint)}`);
    const list = typeof actual === 'string' ? [actual] : Array.isArray(actual) ? actual : undefined;
    const versions = list?.map((v) => (typeof v === 'string' ? parseVersion(v) : undefined));
    if (!versions?.length || versions.some((v) => v === undefined))
      return matchError(
        `Expected a single or list of semver valid version(s).  Got:\n${gomegaObject(actual)}`,
      );
    return verdict((versions as Version[]).every(range), actual, d);
  });
}
