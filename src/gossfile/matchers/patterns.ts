/**
 * goss's line patterns (matchers/have_patterns.go): the YAML list form of `contents`, `stdout`, `stderr`,
 * `body` and `headers`, and the `have-patterns` matcher. The text is read line by line (a trailing `\r` is
 * dropped, as Go's bufio.Scanner does); each entry is one rule:
 * - `/re/` holds if some line matches the regexp; `!/re/` holds if no line does. The regexp is what lies
 *   between the slashes, after goss drops the `!`, then ONE leading `\` or `/`, then one trailing `/`.
 * - anything else is a substring: `foo` holds if some line contains it, `!foo` if none does. goss strips
 *   EVERY leading `\`, `/` and `!` before searching (so `\!foo` searches for `foo`, not `!foo`, and
 *   `/usr/local` searches for `usr/local`), and the rule is negated when the entry starts with `!`.
 * - the empty string always holds, even for empty text.
 * All rules must hold. Negation applies to regexps and substrings alike.
 */
import { compileGoRegexp } from './regexp.js';
import { leafMatcher, type Matcher, matchError, PASS } from './types.js';
import { gomegaObject, goType, show, toGoString } from './values.js';

export interface PatternRule {
  pattern: string;
  inverse: boolean;
  test: (line: string) => boolean;
}

export const isRegexPattern = (s: string): boolean =>
  (s.startsWith('/') || s.startsWith('!/')) && s.endsWith('/');

/** One rule; an error for an invalid regexp (goss rejects the whole property). */
export function patternRule(pattern: string): PatternRule | { error: string } {
  const inverse = pattern.startsWith('!');
  if (!isRegexPattern(pattern)) {
    const clean = pattern.replace(/^[\\/!]+/, '');
    return { pattern, inverse, test: (line) => line.includes(clean) };
  }
  let body = inverse ? pattern.slice(1) : pattern;
  if (body.startsWith('\\') || body.startsWith('/')) body = body.slice(1);
  if (body.endsWith('/')) body = body.slice(0, -1);
  const re = compileGoRegexp(body);
  if (!re.ok) return { error: re.error };
  return { pattern, inverse, test: (line) => re.re.test(line) };
}

/** Go bufio.Scanner lines: split on \n, drop one trailing \r, no final empty line. */
export function scanLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** goss's scan: the rules found (in the order they were), and the patterns left missing (in the order given). */
export function scanPatterns(
  rules: readonly PatternRule[],
  text: string,
): { found: string[]; missing: string[] } {
  let pending = [...rules];
  const found: PatternRule[] = [];
  for (const line of scanLines(text)) {
    const next: PatternRule[] = [];
    for (const r of pending) {
      if (!r.test(line)) next.push(r);
      // Found where it must not be: not found, but no longer looked for.
      else if (!r.inverse) found.push(r);
    }
    pending = next;
    if (!pending.length) break;
  }
  for (const r of pending) if (r.inverse || r.pattern === '') found.push(r);
  return {
    found: found.map((r) => r.pattern),
    missing: rules.filter((r) => !found.includes(r)).map((r) => r.pattern),
  };
}

/** Which of the rules do not hold for the text, in the order given. */
export const missingPatterns = (rules: readonly PatternRule[], text: string): string[] =>
  scanPatterns(rules, text).missing;

/** What goss's HavePatterns prints as the value it read: text as it is, anything else by its Go type. */
const shownText = (v: unknown, negated: boolean) =>
  typeof v === 'string' || (!negated && Array.isArray(v) && v.every((x) => typeof x === 'string'))
    ? v
    : `object: ${goType(v)}`;

/**
 * The matcher for a list of line patterns; the text may also come as a list of lines. As goss's HavePatterns
 * it errors, whatever the text, when a pattern is not a string or a `/re/` does not compile.
 */
export function havePatterns(patterns: readonly unknown[]): Matcher {
  const rules: PatternRule[] = [];
  let error: string | undefined;
  const odd = patterns.findIndex((p) => typeof p !== 'string');
  if (odd >= 0)
    error = `HavePatterns matcher expects patterns to be a string. got: \n${gomegaObject(patterns[odd] ?? null)}`;
  for (const p of patterns) {
    if (error || typeof p !== 'string') break;
    const r = patternRule(p);
    if ('error' in r) error = r.error;
    else rules.push(r);
  }
  return leafMatcher({
    name: 'have-patterns',
    describe: `have patterns ${show(patterns)}`,
    says: 'to have patterns',
    expected: patterns,
    shown: shownText,
    check: (actual) => {
      if (error) return matchError(error);
      if (!rules.length) return PASS;
      const text =
        typeof actual === 'string' ? actual : Array.isArray(actual) ? toGoString(actual) : undefined;
      if (text === undefined) return matchError(`Incorrect type ${goType(actual)}`);
      const { found, missing } = scanPatterns(rules, text);
      if (!missing.length) return PASS;
      return {
        ok: false,
        message: `expected text to have patterns ${show(patterns)}; missing: ${show(missing)}`,
        findings: { missingElements: missing, foundElements: found.length ? found : null },
      };
    },
  });
}
