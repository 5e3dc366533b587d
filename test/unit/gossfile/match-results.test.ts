/**
 * The result one match produces, per matcher family: the verdict, the members' results (the tree), and what
 * goss reports about it (matchers/*.go FailureResult / NegatedFailureResult, with_safe_transform.go's chain),
 * which `evaluate` hands on as goss's `matcher-result`. Expected reports follow goss v0.4.9's code.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileMatcher, type Matcher, ZERO_REPORT } from '../../../src/gossfile/index.js';
import { compileGoRegexp } from '../../../src/gossfile/matchers/regexp.js';
import { load } from './helpers.js';

const m = (yaml: string, patterns = false): Matcher => {
  const c = compileMatcher(parse(yaml), { patterns });
  if (!c.matcher) throw new Error(`does not compile: ${JSON.stringify(c.problems)}`);
  return c.matcher;
};
/** goss's FailureResult of the top matcher, only the fields that are set. */
const failure = (yaml: string, actual: unknown, patterns = false) => {
  const r = m(yaml, patterns).test(actual);
  expect(r.ok).toBe(false);
  return Object.fromEntries(Object.entries(r.failure).filter(([, v]) => v !== null));
};

describe('values and transforms', () => {
  it('a transform that changed nothing is not in the chain, but the raw value is kept', () => {
    expect(failure('"0644"', '0600')).toEqual({
      actual: '0600',
      message: 'to equal',
      expected: '0644',
      untransformedValue: '0600',
    });
  });

  it('a transform that changed the value is listed, with the value before it', () => {
    expect(failure('{gt: 10}', '3')).toEqual({
      actual: 3,
      message: 'to be numerically gt',
      expected: 10,
      transformChain: [{ 'to-numeric': {} }],
      untransformedValue: '3',
    });
    expect(failure('"10"', 11)).toMatchObject({ actual: '11', transformChain: [{ 'to-string': {} }] });
  });

  it('a transform that fails errors with its Go name; the matcher under it reports its zero value', () => {
    const r = m('1').test(true);
    expect(r).toMatchObject({
      ok: false,
      error: true,
      message: expect.stringMatching(/^matchers\.ToNumeric\{\}: /),
    });
    expect(r.failure).toMatchObject({ actual: 0, message: 'to be numerically eq', expected: 1 });
    expect(r.failure.transformChain).toEqual([{ 'to-numeric': {} }]);
    expect(r.transform).toEqual({ json: { 'to-numeric': {} }, changed: true, value: 0 });
  });

  it('plain booleans, equal, have-len and semver-constraint have no transform', () => {
    expect(failure('true', false)).toEqual({ actual: false, message: 'to equal', expected: true });
    expect(failure('{equal: "10"}', 11)).toEqual({ actual: 11, message: 'to equal', expected: '10' });
    expect(failure('{have-len: 2}', 'abc')).toEqual({
      actual: 'abc',
      message: 'to have length',
      expected: 2,
    });
    expect(failure('{semver-constraint: ">2.0.0"}', '1.0.0')).toMatchObject({
      message: 'to satisfy semver constraint',
      expected: '>2.0.0',
    });
  });
});

describe('collections', () => {
  it('contain-elements: the members missing and found, as goss marshals them', () => {
    expect(failure('[root, {have-prefix: w}]', ['root'])).toEqual({
      actual: ['root'],
      message: 'to contain elements matching',
      expected: ['root', { 'have-prefix': 'w' }],
      missingElements: [{ 'have-prefix': 'w' }],
      foundElements: ['root'],
    });
    // not a collection: an error, with goss's found elements (none missing was ever worked out)
    const r = m('[a]').test('a');
    expect(r).toMatchObject({
      error: true,
      message: 'ContainElements matcher expects an array/slice/map.  Got:\n    <string>: a',
    });
    expect(r.failure.foundElements).toEqual(['a']);
  });

  it('consist-of: missing, found and extra; nothing missing is nil', () => {
    expect(failure('{consist-of: [a, b]}', ['a', 'c'])).toEqual({
      actual: ['a', 'c'],
      message: 'to consist of',
      expected: ['a', 'b'],
      missingElements: ['b'],
      foundElements: ['a'],
      extraElements: ['c'],
    });
    expect(failure('{consist-of: [a]}', ['a', 'c'])).toMatchObject({
      foundElements: ['a'],
      extraElements: ['c'],
    });
    expect(m('{consist-of: [a]}').test(['a', 'c']).failure.missingElements).toBeNull();
  });

  it('contain-element and have-key: the member as expected; contain-element after to-array', () => {
    expect(failure('{contain-element: {gt: 5}}', '1\n2')).toEqual({
      actual: ['1', '2'],
      message: 'to contain element matching',
      expected: { gt: 5 },
      transformChain: [{ 'to-array': {} }],
      untransformedValue: '1\n2',
    });
    expect(failure('{have-key: {have-prefix: x}}', { a: 1 })).toEqual({
      actual: { a: 1 },
      message: 'to have key matching',
      expected: { 'have-prefix': 'x' },
    });
    expect(m('{have-key: {gt: 1}}').test({ a: 1 })).toMatchObject({
      error: true,
      message:
        'HaveKey\'s key matcher failed with:\n    matchers.ToNumeric{}: strconv.ParseFloat: parsing "a": invalid syntax',
    });
  });

  it('line patterns: found in the order seen, missing in the order given; text as it is', () => {
    expect(failure('[b, "!a", "/^c/", x]', 'a\nb\nc\n', true)).toEqual({
      actual: 'a\nb\nc\n',
      message: 'to have patterns',
      expected: ['b', '!a', '/^c/', 'x'],
      missingElements: ['!a', 'x'],
      foundElements: ['b', '/^c/'],
    });
    expect(m('[a]', true).test(5).failure.actual).toBe('object: int');
  });
});

describe('and, or, not', () => {
  it('and: its members up to the first failing one, whose report is its own', () => {
    const r = m('{and: [{have-prefix: v}, {have-suffix: ".0"}, {gt: 1}]}').test('v1.1');
    expect(r.children?.map((c) => c.ok)).toEqual([true, false]);
    expect(r.failure).toMatchObject({ actual: 'v1.1', message: 'to have suffix', expected: '.0' });
    expect(r.negated).toMatchObject({
      message: 'not to satisfy all of these matchers',
      expected: [{ 'have-prefix': 'v' }, { 'have-suffix': '.0' }, { gt: 1 }],
    });
  });

  it('or: the members as a whole; under not, its first matching member', () => {
    expect(failure('{or: [1, {gt: 5}]}', 3)).toEqual({
      actual: 3,
      message: 'to satisfy at least one of these matchers',
      expected: [{ eq: 1 }, { gt: 5 }],
    });
    expect(failure('{not: {or: [{lt: 2}, 3]}}', 1)).toMatchObject({
      actual: 1,
      message: 'not to be numerically lt',
      expected: 2,
    });
  });

  it('not: its member negated; not of not is the member again', () => {
    expect(failure('{not: {contain-substring: err}}', 'an error')).toMatchObject({
      actual: 'an error',
      message: 'not to contain substring',
      expected: 'err',
    });
    expect(failure('{not: {not: root}}', 'app')).toMatchObject({ message: 'to equal', expected: 'root' });
    expect(failure('{not: [a]}', ['a'])).toEqual({
      actual: ['a'],
      message: 'not to contain elements matching',
      expected: ['a'],
    });
  });
});

describe('gjson', () => {
  it('each path is a transform under an and: nested transforms chain, outermost first', () => {
    expect(failure('{gjson: {count: {le: 10}}}', '{"count": "15"}')).toEqual({
      actual: 15,
      message: 'to be numerically le',
      expected: 10,
      transformChain: [{ gjson: { Path: 'count' } }, { 'to-numeric': {} }],
      untransformedValue: '{"count": "15"}',
    });
  });

  it('an and between two transforms starts the chain again (goss overwrites it)', () => {
    expect(failure('{gjson: {a: {and: [{le: 10}]}}}', '{"a": "15"}')).toMatchObject({
      actual: 15,
      transformChain: [{ gjson: { Path: 'a' } }],
      untransformedValue: '{"a": "15"}',
    });
  });

  it("a path that is not there, or text that is not JSON, errors with goss's Gjson prefix", () => {
    const r = m('{gjson: {foo: bar}}').test('{"a": 1}');
    expect(r).toMatchObject({ error: true, message: 'matchers.Gjson{Path:"foo"}: Path not found: foo' });
    expect(r.failure).toMatchObject({
      actual: null,
      message: 'to equal',
      expected: 'bar',
      transformChain: [{ gjson: { Path: 'foo' } }],
      untransformedValue: '{"a": 1}',
    });
    expect(m("{gjson: {'@this': {have-key: a}}}").test('{"a"').message).toBe(
      'matchers.Gjson{Path:"@this"}: Invalid json',
    );
  });
});

describe('what evaluate hands on', () => {
  it("the declared property keeps the spec's value as goss holds it: printed as expected", () => {
    const l = load(`file:
  /a:
    exists: true
    mode: "0644"
    contents: {have-patterns: [x]}
user:
  app:
    exists: true
    uid: "1000"
    groups: [app]
command:
  c:
    stdout: ["/^v/", "!err"]
`);
    const values = l.resources.map((r) => r.properties.map((p) => [p.name, p.value]));
    expect(values).toEqual([
      [
        ['exists', true],
        ['mode', '0644'],
        ['contents', { 'have-patterns': ['x'] }],
      ],
      [
        ['exists', true],
        ['uid', 1000],
        ['groups', ['app']],
      ],
      [
        ['exit-status', null],
        ['stdout', ['/^v/', '!err']],
      ],
    ]);
  });

  it('an unbuilt matcher has goss zero matcher-result', () => {
    const r = m('{nope: 1}').test('x');
    expect(r).toMatchObject({ ok: false, unbuilt: true, message: 'Syntax Error: Unknown matcher: nope' });
    expect(r.failure).toBe(ZERO_REPORT);
  });
});

describe("Go's regular expressions (RE2), where JavaScript's differ", () => {
  const test = (re: string, s: string) => {
    const c = compileGoRegexp(re);
    if (!c.ok) throw new Error(c.error);
    return c.re.test(s);
  };

  it('flag groups anywhere, and the ungreedy flag', () => {
    expect(test('a(?i)b', 'aB')).toBe(true);
    expect(test('a(?i)b', 'AB')).toBe(false);
    expect(test('x(?i:y)z', 'xYz')).toBe(true);
    expect(test('(?s)a.b', 'a\nb')).toBe(true);
    const c = compileGoRegexp('(?U)a+');
    expect(c.ok && c.re.exec('aaa')?.[0]).toBe('a');
    expect(m('{match-regexp: "^v(?i)X"}').test('vx').ok).toBe(true);
  });

  it('\\A and \\z; $ is the end of the text without (?m)', () => {
    expect(test('a\\z', 'a\n')).toBe(false);
    expect(test('a$', 'a\n')).toBe(false);
    expect(test('(?m)a$', 'a\nb')).toBe(true);
    expect(test('\\Ab', 'a\nb')).toBe(false);
  });

  it('POSIX and Unicode classes, \\x{..}, \\Q..\\E', () => {
    expect(test('^[[:alpha:]]+$', 'abc')).toBe(true);
    expect(test('^[[:alpha:]]+$', 'a:b')).toBe(false);
    expect(test('^[[:^digit:]]$', 'x')).toBe(true);
    expect(test('^\\pL+$', 'héllo')).toBe(true);
    expect(test('\\p{Greek}', 'α')).toBe(true);
    expect(test('^\\PL$', '1')).toBe(true);
    expect(test('^\\x{41}$', 'A')).toBe(true);
    expect(test('^\\Qa.b\\E$', 'a.b')).toBe(true);
    expect(test('^.$', '😀')).toBe(true);
  });

  it("what Go rejects, with Go's error text, at load time and when matched", () => {
    expect(compileGoRegexp('a(')).toEqual({
      ok: false,
      error: 'error parsing regexp: missing closing ): `a(`',
    });
    expect(compileGoRegexp('(a)\\1')).toEqual({
      ok: false,
      error: 'error parsing regexp: invalid escape sequence: `\\1`',
    });
    expect(compileGoRegexp('a(?=b)')).toMatchObject({ ok: false });
    const l = load('command:\n  c:\n    exit-status: 0\n    stdout: ["/a(?i)b/", "/x(/"]\n');
    expect(l.diagnostics).toEqual([
      "goss.yaml:4:26: warning SPEC011 command 'c': 'stdout': invalid regexp in pattern \"/x(/\": error parsing regexp: missing closing ): `x(`; goss reports 'stdout' as failed",
    ]);
  });
});
