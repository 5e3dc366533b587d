import { describe, expect, it } from 'vitest';
import { expand } from '../../../src/dockerfile/expand.js';

const vars = new Map<string, string | null>([
  ['A', 'x'],
  ['E', ''],
  ['N', null],
]);

describe('expand', () => {
  it.each([
    ['$A', 'x'],
    ['${A}y', 'xy'],
    ['${MISSING}', ''],
    ['${E:-d}', 'd'],
    ['${E-d}', ''],
    ['${MISSING-d}', 'd'],
    ['${A:+alt}', 'alt'],
    ['${E:+alt}', ''],
    ['${E+alt}', 'alt'],
    ['\\$A', '$A'],
    ['cost: $5', 'cost: $5'],
    ['${MISSING:-${A}}', 'x'],
  ])('%s → %s', (text, out) => {
    expect(expand(text, vars)).toBe(out);
  });
});
