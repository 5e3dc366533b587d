import { describe, expect, it } from 'vitest';
import {
  havePatterns,
  missingPatterns,
  patternRule,
  scanLines,
} from '../../../src/gossfile/matchers/patterns.js';

const rules = (...ps: string[]) =>
  ps.map((p) => {
    const r = patternRule(p);
    if ('error' in r) throw new Error(r.error);
    return r;
  });
const holds = (text: string, ...ps: string[]) => missingPatterns(rules(...ps), text).length === 0;

describe('line patterns (contents, stdout, stderr, body, headers)', () => {
  it('a substring holds when some line contains it', () => {
    expect(holds('v24.1.0\n', 'v24')).toBe(true);
    expect(holds('v20.1.0\n', 'v24')).toBe(false);
  });

  it('goss strips every leading \\, / and ! from a substring pattern', () => {
    expect(holds('/usr/local\n', '/usr/local')).toBe(true);
    expect(holds('usr/local\n', '/usr/local')).toBe(true);
    // `\!foo` searches for "foo" (goss's TrimLeft), so a line "foo" satisfies it too
    expect(holds('foo\n', '\\!foo')).toBe(true);
  });

  it('! negates a substring: no line may contain it', () => {
    expect(holds('alpha\nbeta\n', '!gamma')).toBe(true);
    expect(holds('alpha\ngamma\n', '!gamma')).toBe(false);
  });

  it('/re/ holds when some line matches; the regexp is per line', () => {
    expect(holds('Debian\n12.5\n', '/^12\\./')).toBe(true);
    expect(holds('Debian 12.5\n', '/^12\\./')).toBe(false);
    expect(holds('1.2.3\n', '/^\\d+\\.\\d+\\.\\d+$/')).toBe(true);
  });

  it('!/re/ holds when no line matches (negation applies to regexps too)', () => {
    expect(holds('', '!/\\.ts$/')).toBe(true);
    expect(holds('/app/dist/main.js\n', '!/\\.ts$/')).toBe(true);
    expect(holds('/app/src/main.ts\n', '!/\\.ts$/')).toBe(false);
  });

  it('every rule must hold; the empty pattern always holds, even for empty text', () => {
    expect(holds('a\nb\n', 'a', 'b', '!c')).toBe(true);
    expect(missingPatterns(rules('a', 'x', '!b'), 'a\nb\n')).toEqual(['x', '!b']);
    expect(holds('', '')).toBe(true);
    expect(holds('', 'a')).toBe(false);
  });

  it('lines split like Go bufio.Scanner: \\r\\n endings, no final empty line', () => {
    expect(scanLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(scanLines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(scanLines('')).toEqual([]);
    expect(holds('a\r\n', '/^a$/')).toBe(true);
  });

  it('an invalid regexp is an error, never a pass', () => {
    expect(patternRule('/a(/')).toHaveProperty('error');
    expect(havePatterns(['/a(/']).test('a')).toMatchObject({ ok: false, error: true });
  });

  it('havePatterns reports the missing patterns', () => {
    const m = havePatterns(['"status":"ok"']);
    expect(m.test('{"status":"ok"}').ok).toBe(true);
    expect(m.test('{"status":"down"}').message).toContain('missing: ["\\"status\\":\\"ok\\""]');
    expect(m.test(5)).toMatchObject({ ok: false, error: true });
  });
});
