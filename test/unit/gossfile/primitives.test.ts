import { describe, expect, it } from 'vitest';
import { gjsonGet, parseGjsonPath } from '../../../src/gossfile/matchers/gjson.js';
import { compileGoRegexp } from '../../../src/gossfile/matchers/regexp.js';
import { compareVersions, parseRange, parseVersion } from '../../../src/gossfile/matchers/semver.js';
import { goFormat, toGoString, toNumeric } from '../../../src/gossfile/matchers/values.js';

const v = (s: string) => {
  const x = parseVersion(s);
  if (!x) throw new Error(`bad version ${s}`);
  return x;
};
const sat = (range: string, version: string) => {
  const r = parseRange(range);
  if (!r) throw new Error(`bad range ${range}`);
  return r(v(version));
};

describe('semver (blang/semver as goss uses it)', () => {
  it('parses strict versions only', () => {
    expect(parseVersion('1.2.3-rc.1+build.5')).toEqual({ major: 1, minor: 2, patch: 3, pre: ['rc', 1] });
    for (const bad of ['1.2', 'v1.2.3', '4.4.019-1', '4.4.019+build+build2', '01.2.3', '1.2.3-01'])
      expect(parseVersion(bad)).toBeUndefined();
  });

  it('orders by precedence; build metadata is ignored', () => {
    expect(compareVersions(v('4.0.0-rc1'), v('4.0.0'))).toBeLessThan(0);
    expect(compareVersions(v('1.0.0-alpha'), v('1.0.0-alpha.1'))).toBeLessThan(0);
    expect(compareVersions(v('1.0.0-2'), v('1.0.0-11'))).toBeLessThan(0);
    expect(compareVersions(v('1.0.0-11'), v('1.0.0-a'))).toBeLessThan(0);
    expect(compareVersions(v('1.0.0+a'), v('1.0.0+b'))).toBe(0);
  });

  it('ranges: AND by spaces, OR by ||, operators with or without a space', () => {
    expect(sat('>= 4.0.0', '4.0.0-rc1')).toBe(false);
    expect(sat('< 4.0.0', '4.0.0-rc1')).toBe(true);
    expect(sat('> 4.0.0', '4.1.0+build')).toBe(true);
    expect(sat('>1.0.0 <2.0.0 !=1.5.0', '1.5.0')).toBe(false);
    expect(sat('> 1.0.0 < 2.0.0 || > 4.0.0', '4.1.0')).toBe(true);
    expect(sat('1.2.3', '1.2.3')).toBe(true);
    expect(sat('=1.2.3', '1.2.4')).toBe(false);
    expect(sat('<=1.2.3', '1.2.3')).toBe(true);
  });

  it('wildcards expand as blang does', () => {
    expect(sat('1.x', '1.9.0')).toBe(true);
    expect(sat('1.x', '2.0.0')).toBe(false);
    expect(sat('>1.2.x', '1.3.0')).toBe(true);
    expect(sat('>1.2.x', '1.2.9')).toBe(false);
    expect(sat('<=1.x', '1.99.0')).toBe(true);
    expect(sat('!=1.x', '1.0.0')).toBe(false);
  });

  it('rejects invalid ranges', () => {
    for (const bad of ['', 'invalid', '> one', '>1.0', '1.0.0 ||']) expect(parseRange(bad)).toBeUndefined();
  });
});

describe('gjson path subset', () => {
  const doc = {
    a: { 'b.c': 1, list: [{ n: 'x' }, { n: 'y' }, { m: 1 }] },
    'fav.movie': 'Deer',
    nums: [5, 6],
  };
  const get = (p: string) => {
    const parsed = parseGjsonPath(p);
    if (!parsed.ok) throw new Error(parsed.error);
    return gjsonGet(doc, parsed.path);
  };
  it('keys, escapes, indexes, counts, wildcards and @this', () => {
    expect(get('a.b\\.c')).toEqual({ exists: true, value: 1 });
    expect(get('fav\\.movie')).toEqual({ exists: true, value: 'Deer' });
    expect(get('nums.1')).toEqual({ exists: true, value: 6 });
    expect(get('nums.#')).toEqual({ exists: true, value: 2 });
    expect(get('a.list.#.n')).toEqual({ exists: true, value: ['x', 'y'] });
    expect(get('a.l*t.0.n')).toEqual({ exists: true, value: 'x' });
    expect(get('a.lis?.2.m')).toEqual({ exists: true, value: 1 });
    expect(get('@this')).toEqual({ exists: true, value: doc });
    expect(get('nums.2')).toEqual({ exists: false });
    expect(get('a.nope')).toEqual({ exists: false });
  });
  it('refuses what is outside the subset', () => {
    for (const p of ['a.#(n=="x")', '@reverse', 'a|b', '[a,b]', '..a', '', 'a..b'])
      expect(parseGjsonPath(p).ok).toBe(false);
  });
});

describe('Go regular expressions', () => {
  const re = (s: string) => {
    const c = compileGoRegexp(s);
    if (!c.ok) throw new Error(c.error);
    return c.re;
  };
  it('translates Go syntax', () => {
    expect(re('(?i)abc').test('ABC')).toBe(true);
    expect(re('(?P<x>a)b').exec('ab')?.groups?.x).toBe('a');
    expect(re('\\Aab\\z').test('ab')).toBe(true);
    expect(re('\\Aab\\z').test('ab\n')).toBe(false);
    expect(re('[[:alpha:]]+\\d').test('ab1')).toBe(true);
    expect(re('\\Qa.b\\E').test('axb')).toBe(false);
    expect(re('\\101').test('A')).toBe(true);
    expect(re('\\pL').test('é')).toBe(true);
  });
  it('rejects what Go rejects', () => {
    for (const bad of ['(?=a)', '(?!a)', '(?<=a)b', '(a)\\1', '\\y', 'a(', '[a'])
      expect(compileGoRegexp(bad).ok).toBe(false);
  });
});

describe('Go values', () => {
  it('prints and converts as goss does', () => {
    expect(goFormat([1, 'a', true])).toBe('[1 a true]');
    expect(goFormat({ b: 1, a: [2] })).toBe('map[a:[2] b:1]');
    expect(goFormat(null)).toBe('<nil>');
    expect(goFormat(1.5e-7)).toBe('1.5e-07');
    expect(goFormat(0.25)).toBe('0.25');
    expect(toGoString(['a', 'b'])).toBe('a\nb');
    expect(toNumeric(' 12.5 ')).toEqual({ ok: true, value: 12.5 });
    expect(toNumeric('12abc').ok).toBe(false);
    expect(toNumeric(true).ok).toBe(false);
  });
});
