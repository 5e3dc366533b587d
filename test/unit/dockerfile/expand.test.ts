import { describe, expect, it } from 'vitest';
import { expand } from '../../../src/dockerfile/expand.js';

const vars = new Map<string, string | null>([
  ['A', 'x'],
  ['E', ''],
  ['N', null],
]);

/** The word API parse.ts uses; the rules themselves are in lex.test.ts. */
describe('expand', () => {
  it.each([
    ['$A', 'x'],
    ['${A}y', 'xy'],
    ['${MISSING}', ''],
    ['${N:-d}', 'd'],
    ['${E-d}', ''],
    ['"${MISSING:-"a b"}"', 'a b'],
    ['\\$A', '$A'],
    ['cost: $5', 'cost: '],
  ])('%s → %s', (text, out) => {
    expect(expand(text, vars)).toEqual({ value: out, error: null });
  });

  it('returns BuildKit’s error instead of throwing', () => {
    expect(expand('${A', vars)).toEqual({
      value: '',
      error: `failed to process "\${A": syntax error: missing '}'`,
    });
  });

  it('takes the escape character, and can keep unset names as written', () => {
    expect(expand('a`$A\\', vars, '`').value).toBe('a$A\\');
    expect(expand('$MISSING:${N:-d}:$A', vars, '\\', true).value).toBe('$MISSING:${N:-d}:x');
  });
});
