import { describe, expect, it } from 'vitest';
import { cleanPath, compilePattern, filepathMatch } from '../../../src/core/filepath-match.js';

// Cases follow Go's path/filepath.Match on Linux (its documented grammar and behaviour).
describe("Go's filepath.Match", () => {
  it.each([
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*', 'abc', true],
    ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^b-d]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a[^a]b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['a[^a][^a][^a]b', 'a☺b', false],
    ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[\\-]', '-', true],
    ['[x\\-]', 'x', true],
    ['[x\\-]', '-', true],
    ['[x\\-]', 'z', false],
    ['[\\-x]', 'x', true],
    ['[\\-x]', 'a', false],
    ['*x', 'xxx', true],
    // only ^ negates a class; ! is an ordinary member
    ['[!a]', '!', true],
    ['[!a]', 'a', true],
    ['[!a]', 'b', false],
    // ** is just * twice: it never crosses /
    ['**', 'a/b', false],
    ['src/**/x.ts', 'src/a/x.ts', true],
    ['src/**/x.ts', 'src/x.ts', false],
    ['src/**/x.ts', 'src/a/b/x.ts', false],
    ['', '', true],
    ['', 'a', false],
  ])('Match(%j, %j) = %s', (pattern, name, expected) => {
    const c = compilePattern(pattern);
    expect(c.ok).toBe(true);
    expect(filepathMatch(pattern, name)).toBe(expected);
  });

  it.each([
    '[]a]',
    '[-]',
    '[x-]',
    '[-x]',
    '\\',
    '[a-b-c]',
    '[',
    '[^',
    '[^bc',
    'a[',
    'a[]',
    '*x\\',
    'a*b[',
    '[\\',
  ])('%j is ErrBadPattern, whatever the name', (pattern) => {
    const c = compilePattern(pattern);
    expect(c.ok).toBe(false);
    expect(filepathMatch(pattern, 'a')).toBe(false);
    expect(filepathMatch(pattern, '')).toBe(false);
  });

  it('reports where a bad pattern goes wrong', () => {
    const c = compilePattern('src/[a-');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error).toEqual({ message: 'unterminated character class', offset: 4 });
  });
});

describe("Go's filepath.Clean", () => {
  it.each([
    ['', '.'],
    ['.', '.'],
    ['./', '.'],
    ['a/', 'a'],
    ['./a/b/', 'a/b'],
    ['a//b', 'a/b'],
    ['a/./b', 'a/b'],
    ['a/../b', 'b'],
    ['../a', '../a'],
    ['a/../..', '..'],
    ['/', '/'],
    ['//a', '/a'],
    ['/../a', '/a'],
    ['/a/b/..', '/a'],
    ['!a/', '!a'],
  ])('Clean(%j) = %j', (p, expected) => expect(cleanPath(p)).toBe(expected));
});
