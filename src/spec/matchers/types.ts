/** A compiled goss matcher: pure, no I/O. */
export interface MatchResult {
  ok: boolean;
  /** Why it failed, e.g. `expected "v20.1.0" to match regexp "^v24\."`. */
  message?: string;
  /**
   * The matcher could not be applied (wrong type of value, unparsable number or version, invalid JSON);
   * goss reports these as errors, and `not` never turns one into a pass.
   */
  error?: boolean;
  /**
   * goss could not even build the matcher from the spec's value (resource/gomega.go returned a syntax error):
   * nothing was compared, and goss's result carries only the error.
   */
  unbuilt?: boolean;
}

export interface Matcher {
  /** The goss matcher name: 'equal', 'contain-element', 'have-patterns', 'gt', ... */
  readonly name: string;
  /** The YAML value it was compiled from, as goss prints it under "expected". */
  readonly expected: unknown;
  test(actual: unknown): MatchResult;
  /** Human form, e.g. `equal "root"`, `be > 3`, `have patterns ["/^v24\./"]`. */
  describe(): string;
}

export const PASS: MatchResult = Object.freeze({ ok: true });
export const failure = (message: string): MatchResult => ({ ok: false, message });
export const matchError = (message: string): MatchResult => ({ ok: false, message, error: true });

/**
 * Stands for a matcher goss cannot build from the spec's value (an unknown matcher name, an argument of the
 * wrong type, a required attribute left out): the property fails with goss's error, whatever is observed.
 */
export function unbuilt(message: string, expected: unknown): Matcher {
  const result: MatchResult = Object.freeze({ ok: false, message, error: true, unbuilt: true });
  return {
    name: 'unbuilt',
    expected,
    describe: () => `be a valid matcher (goss: ${message})`,
    test: () => result,
  };
}
