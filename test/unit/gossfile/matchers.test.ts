import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileMatcher, type Matcher } from '../../../src/gossfile/matchers/index.js';

/** A matcher from YAML text, as it would appear as an attribute value. */
const m = (yaml: string, patterns = false): Matcher => {
  const c = compileMatcher(parse(yaml), { patterns });
  if (!c.matcher) throw new Error(`does not compile: ${JSON.stringify(c.problems)}`);
  return c.matcher;
};
const ok = (yaml: string, actual: unknown) => m(yaml).test(actual).ok;
const problems = (yaml: string) =>
  compileMatcher(parse(yaml)).problems.map((p) => `${p.code} ${p.path.join('.')} ${p.on} ${p.kind}`);

describe('plain values (goss default matchers)', () => {
  it('a string equals after the to-string transform', () => {
    expect(ok('root', 'root')).toBe(true);
    expect(ok('"10001"', 10001)).toBe(true);
    expect(ok('"true"', true)).toBe(true);
    expect(ok('"a\\nb"', ['a', 'b'])).toBe(true);
    expect(ok('root', 'app')).toBe(false);
    expect(m('root').test('app').message).toBe('expected "app" to equal "root"');
  });

  it('a number equals numerically after the to-numeric transform', () => {
    expect(ok('0', 0)).toBe(true);
    expect(ok('128', '128')).toBe(true);
    expect(ok('128', ' 128\n')).toBe(true);
    expect(ok('42', 42.0)).toBe(true);
    expect(ok('1', 2)).toBe(false);
    const r = m('1').test('abc');
    expect(r).toMatchObject({ ok: false, error: true });
    expect(m('1').test(true)).toMatchObject({ ok: false, error: true });
  });

  it('a boolean is strict equality', () => {
    expect(ok('true', true)).toBe(true);
    expect(ok('false', true)).toBe(false);
    expect(ok('true', 'true')).toBe(false);
  });

  it('a list is contain-elements without transform, each entry matching a different element', () => {
    expect(ok('[app, root]', ['root', 'app', 'adm'])).toBe(true);
    expect(ok('[root, root]', ['root', 'app'])).toBe(false);
    expect(ok('[root, root]', ['root', 'root'])).toBe(true);
    expect(ok('[{have-prefix: r}]', ['x', 'root'])).toBe(true);
    expect(m('[a]').test('a')).toMatchObject({ ok: false, error: true });
  });
});

describe('named matchers', () => {
  it('equal: deep equality without transform', () => {
    expect(ok('{equal: [foo, bar]}', ['foo', 'bar'])).toBe(true);
    expect(ok('{equal: [foo, bar]}', ['bar', 'foo'])).toBe(false);
    expect(ok('{equal: "1"}', 1)).toBe(false);
    expect(ok('{equal: {a: 1}}', { a: 1 })).toBe(true);
  });

  it('have-prefix, have-suffix, contain-substring convert to a string', () => {
    expect(ok('{have-prefix: "4"}', 42)).toBe(true);
    expect(ok('{have-prefix: "x"}', 42)).toBe(false);
    expect(ok('{have-suffix: "2"}', '42')).toBe(true);
    expect(ok('{have-suffix: "4"}', '42')).toBe(false);
    expect(ok('{contain-substring: ok}', 'all ok here')).toBe(true);
    expect(ok('{contain-substring: ok}', 'fail')).toBe(false);
  });

  it('match-regexp: Go syntax on the value as a string', () => {
    expect(ok('{match-regexp: "^v24\\\\."}', 'v24.1.0')).toBe(true);
    expect(ok('{match-regexp: "^v24\\\\."}', 'v20.1.0')).toBe(false);
    expect(ok("{match-regexp: '\\d{2}'}", 42)).toBe(true);
    expect(ok("{match-regexp: '(?i)^HELLO'}", 'hello')).toBe(true);
    expect(ok("{match-regexp: '(?P<major>\\d+)\\.'}", '24.1')).toBe(true);
    expect(ok("{match-regexp: '[[:digit:]]+'}", 'abc')).toBe(false);
  });

  it('gt, ge, lt, le convert to a number', () => {
    expect(ok('{gt: 40}', '42')).toBe(true);
    expect(ok('{gt: 42}', 42)).toBe(false);
    expect(ok('{ge: 42}', 42)).toBe(true);
    expect(ok('{ge: 43}', 42)).toBe(false);
    expect(ok('{lt: 45}', 42)).toBe(true);
    expect(ok('{lt: 42}', 42)).toBe(false);
    expect(ok('{le: 42}', '42')).toBe(true);
    expect(ok('{le: 41}', '42')).toBe(false);
    expect(m('{gt: 1}').test('many')).toMatchObject({ ok: false, error: true });
    expect(m('{gt: 200}').test('128').message).toBe('expected "128" to be > 200');
  });

  it('have-len: bytes of a string, items of a list, keys of a map', () => {
    expect(ok('{have-len: 3}', [1, 2, 3])).toBe(true);
    expect(ok('{have-len: 3}', [1, 2])).toBe(false);
    expect(ok('{have-len: 2}', 'é')).toBe(true);
    expect(ok('{have-len: 1}', { a: 1 })).toBe(true);
    expect(m('{have-len: 1}').test(5)).toMatchObject({ ok: false, error: true });
  });

  it('have-key: a map key matching the sub-matcher', () => {
    expect(ok('{have-key: foo}', { foo: 1 })).toBe(true);
    expect(ok('{have-key: foo}', { bar: 1 })).toBe(false);
    expect(ok('{have-key: {have-prefix: f}}', { foo: 1 })).toBe(true);
    expect(m('{have-key: foo}').test(['foo'])).toMatchObject({ ok: false, error: true });
  });

  it('contain-element: a string becomes its lines', () => {
    expect(ok('{contain-element: b}', ['a', 'b'])).toBe(true);
    expect(ok('{contain-element: c}', ['a', 'b'])).toBe(false);
    expect(ok('{contain-element: bar}', 'foo\nbar')).toBe(true);
    expect(ok('{contain-element: {match-regexp: "[Gg]oss"}}', 'x\ngoss')).toBe(true);
    expect(ok('{contain-element: 2}', [1, 2])).toBe(true);
  });

  it('contain-elements: a superset, matchers allowed', () => {
    expect(ok('{contain-elements: [foo, bar]}', ['foo', 'bar', 'moo'])).toBe(true);
    expect(ok('{contain-elements: [foo, baz]}', ['foo', 'bar', 'moo'])).toBe(false);
    expect(ok('{contain-elements: [foo, bar]}', 'bar\nfoo')).toBe(true);
  });

  it('consist-of: the same elements, order free', () => {
    expect(ok('{consist-of: [foo, {have-prefix: m}, bar]}', ['foo', 'bar', 'moo'])).toBe(true);
    expect(ok('{consist-of: [foo, bar]}', ['foo', 'bar', 'moo'])).toBe(false);
    expect(ok('{consist-of: [127.0.0.1]}', ['127.0.0.1', '::1'])).toBe(false);
    expect(m('{consist-of: [a]}').test('a')).toMatchObject({ ok: false, error: true });
  });

  it('and, or, not', () => {
    expect(ok('{and: ["42", {have-prefix: "4"}, {gt: 40}]}', 42)).toBe(true);
    expect(ok('{and: ["42", {have-prefix: "5"}]}', 42)).toBe(false);
    expect(ok('{or: [{equal: 1}, {equal: 2}]}', 2)).toBe(true);
    expect(ok('{or: [{equal: 1}, {equal: 2}]}', 3)).toBe(false);
    expect(ok('{not: FAIL}', 'PASS')).toBe(true);
    expect(ok('{not: FAIL}', 'FAIL')).toBe(false);
    expect(m('{not: {gt: 1}}').test('x')).toMatchObject({ ok: false, error: true });
    expect(m('{or: [{gt: 1}, x]}').test('x')).toMatchObject({ ok: false, error: true });
  });

  it('semver-constraint: every version must satisfy the range', () => {
    expect(ok('{semver-constraint: ">1.0.0 <2.0.0 !=1.5.0"}', ['1.0.1', '1.9.9'])).toBe(true);
    expect(ok('{semver-constraint: ">1.0.0 <2.0.0 !=1.5.0"}', ['1.0.1', '1.5.0'])).toBe(false);
    expect(ok('{semver-constraint: ">5.0.0 || < 1.5.0"}', '1.0.1')).toBe(true);
    expect(m('{semver-constraint: ">1.0.0"}').test('1.2')).toMatchObject({ ok: false, error: true });
  });

  it('gjson: paths into JSON text, each value matched', () => {
    const j = '{"foo": "bar", "moo": {"nested": "cow"}, "count": "15", "list": [1, 2, 3]}';
    const g = m(`gjson:
  moo.nested: cow
  foo: {have-prefix: b}
  count: {le: 25}
  '@this': {have-key: foo}
  list.#: 3
  list.1: 2
  moo: {and: [{have-key: nested}, {not: {have-key: nested2}}]}`);
    expect(g.test(j)).toMatchObject({ ok: true });
    expect(g.test(j).message).toBeUndefined();
    expect(m('{gjson: {moo.nested: horse}}').test(j).ok).toBe(false);
    expect(m('{gjson: {missing: 1}}').test(j)).toMatchObject({
      ok: false,
      error: true,
      // goss's WithSafeTransform puts the transform's Go name before its error
      message: 'matchers.Gjson{Path:"missing"}: Path not found: missing',
    });
    expect(m('{gjson: {a: 1}}').test('not json')).toMatchObject({ ok: false, error: true });
  });

  it('have-patterns: line patterns on text', () => {
    expect(ok('{have-patterns: [foo, "!bar"]}', 'foo\nbaz')).toBe(true);
    expect(ok('{have-patterns: [foo, "!bar"]}', 'foo\nbar')).toBe(false);
  });

  it('describe() gives the human form', () => {
    expect(m('root').describe()).toBe('equal "root"');
    expect(m('{gt: 3}').describe()).toBe('be > 3');
    expect(m('{not: {have-prefix: a}}').describe()).toBe('not have prefix "a"');
    expect(m('[a, b]').describe()).toBe('contain elements [equal "a", equal "b"]');
    expect(m('["/^v24/"]', true).describe()).toBe('have patterns ["/^v24/"]');
  });
});

describe('compile problems (located by path), and what goss makes of them', () => {
  it('reports unknown matchers on the key, bad arguments on the value; kind says when goss meets it', () => {
    expect(problems('{have-prefx: a}')).toEqual(['SPEC009 have-prefx key build']);
    expect(problems('{and: [{gt: x}]}')).toEqual(['SPEC010 and.0.gt value match']);
    expect(problems('{gt: 1, lt: 2}')).toEqual(['SPEC010  value build']);
    expect(problems('{}')).toEqual(['SPEC007  value refuse']);
    expect(problems('{contain-element: true}')).toEqual(['SPEC010 contain-element value build']);
    expect(problems('{match-regexp: "a(b"}')).toEqual(['SPEC011 match-regexp value match']);
    expect(problems('{match-regexp: "(?=a)"}')).toEqual(['SPEC011 match-regexp value match']);
    expect(problems('{semver-constraint: "> one"}')).toEqual(['SPEC012 semver-constraint value match']);
    expect(problems('{gjson: {"friends.#(last==x)": 1}}')).toEqual([
      'SPEC013 gjson.friends.#(last==x) key refuse',
    ]);
    expect(problems('{not: {have-key: ~}}')).toEqual(['SPEC010 not.have-key value build']);
    expect(compileMatcher(parse('{have-prefx: a}')).problems[0]?.message).toBe(
      "unknown matcher 'have-prefx' (did you mean 'have-prefix'?)",
    );
  });

  it('a matcher goss cannot build fails with its syntax error, whatever the value (resource/gomega.go)', () => {
    const err = (yaml: string) => m(yaml).test('anything');
    expect(err('{have-prefx: a}')).toMatchObject({
      ok: false,
      error: true,
      unbuilt: true,
      message: 'Syntax Error: Unknown matcher: have-prefx',
    });
    expect(err('{have-prefix: 5}').message).toBe(
      "Syntax Error: Invalid 'have-prefix' argument. Expected string value, but received: int: '\\x05'",
    );
    expect(err('{contain-element: true}').message).toBe(
      "Syntax Error: Invalid 'contain-element' argument. Expected matcher, string or numeric value, but received: bool: %!q(bool=true)",
    );
    expect(err('{contain-elements: x}').message).toBe(
      'Syntax Error: Invalid \'contains-elements\' argument. Expected array value, but received: string: "x"',
    );
    expect(err('{have-len: [1, a]}').message).toBe(
      "Syntax Error: Invalid 'have-len' argument. Expected numeric value, but received: []interface {}: ['\\x01' \"a\"]",
    );
    expect(err('{lt: 2, gt: 1}').message).toBe(
      'Syntax Error: Invalid matcher configuration. At a given nesting level, only one matcher is allowed. Found multiple matchers: ["gt" "lt"]',
    );
    expect(err('[a, ~]').message).toBe('Syntax Error: Missing required attribute');
    // goss stops at the first it cannot build, depth first
    expect(err('{and: [{nope: 1}, {have-suffix: 2}]}').message).toBe('Syntax Error: Unknown matcher: nope');
  });

  it('a matcher that builds but cannot be applied errors as goss and gomega word it', () => {
    expect(m('{gt: ten}').test(3).message).toBe('Expected a number.  Got:\n    <string>: ten');
    expect(m('1').test(true).message).toBe('matchers.ToNumeric{}: Expected numeric, Got:    <bool>: true');
    expect(m('1').test('abc').message).toBe(
      'matchers.ToNumeric{}: strconv.ParseFloat: parsing "abc": invalid syntax',
    );
    expect(m('{match-regexp: "a(b"}').test('x').message).toMatch(
      /^RegExp match failed to compile with error:\n\terror parsing regexp: /,
    );
    expect(m('{semver-constraint: "> one"}').test('1.0.0').message).toBe(
      'Expected a valid semver constraint.  Got:\n    <string>: > one',
    );
    expect(m('[ok, 3]', true).test('ok').message).toBe(
      'HavePatterns matcher expects patterns to be a string. got: \n    <int>: 3',
    );
  });

  it('checks line patterns when the attribute reads text', () => {
    const c = compileMatcher(parse('["/a(/", 3, ok]'), { patterns: true });
    expect(c.problems.map((p) => `${p.code} ${p.path.join('.')} ${p.kind}`)).toEqual([
      'SPEC011 0 match',
      'SPEC010 1 match',
    ]);
    // goss checks every pattern is a string before it compiles any
    expect(c.matcher?.test('x').message).toMatch(/^HavePatterns matcher expects patterns to be a string/);
  });
});
