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
