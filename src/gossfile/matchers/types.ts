/**
 * A compiled goss matcher (pure, no I/O) and what one application of it produces: the verdict and, as goss's
 * matchers/*.go report it, the failure seen from both sides — `FailureResult` (the value should have matched)
 * and `NegatedFailureResult` (under `not`, it should not have). Each matcher words its own reports; `and`,
 * `or`, `not` and the transforms pass their members' on as goss does, so the top result holds what goss
 * prints as `matcher-result`, computed once, where the match is decided.
 */
import { show } from './values.js';

/** goss matchers.MatcherResult; `null` where Go has nil. */
export interface MatchReport {
  /** The value the reporting matcher was given (after the transforms above it), as goss prints it. */
  actual: unknown;
  /** goss's wording: 'to equal', 'not to have key matching', 'to satisfy at least one of these matchers'. */
  message: string;
  /** What goss prints as expected: the matcher's argument, or its members as goss marshals them. */
  expected: unknown;
  missingElements: unknown[] | null;
  foundElements: unknown[] | null;
  extraElements: unknown[] | null;
  /** The transforms that changed the value (`[{"to-numeric":{}}]`), outermost first. */
  transformChain: unknown[] | null;
  /** The value before the transforms, when a transform reports. */
  untransformedValue: unknown;
}

export const ZERO_REPORT: MatchReport = Object.freeze({
  actual: null,
  message: '',
  expected: null,
  missingElements: null,
  foundElements: null,
  extraElements: null,
  transformChain: null,
  untransformedValue: null,
});

export const report = (
  actual: unknown,
  message: string,
  expected: unknown,
  findings: Partial<MatchReport> = {},
): MatchReport => ({ ...ZERO_REPORT, actual, message, expected, ...findings });

/** goss's two reports of one result. */
export interface Reports {
  /** FailureResult: what goss reports when this result fails a property. */
  failure: MatchReport;
  /** NegatedFailureResult: what goss reports when this result, under `not`, fails a property. */
  negated: MatchReport;
}

export interface MatchResult extends Reports {
  /** The matcher that produced it ('equal', 'and', 'to-numeric', ...). */
  matcher: string;
  ok: boolean;
  /** slipway's wording of a failure (`expected "v20.1.0" to match regexp "^v24\."`), or the error's text. */
  message?: string;
  /**
   * The matcher could not be applied (wrong type of value, unparsable number or version, invalid JSON); goss
   * reports these as errors (its `err`, with `message` as the text), and `not` never turns one into a pass.
   */
  error?: boolean;
  /**
   * goss could not even build the matcher from the spec's value (resource/gomega.go returned a syntax error):
   * nothing was compared, and goss's result carries only the error.
   */
  unbuilt?: boolean;
  /** A transform's own part: whether it changed the value (only then goss lists it) and what it made. */
  transform?: { json: unknown; changed: boolean; value: unknown };
  /** The members' results: a transform's or `not`'s one; `and`/`or`'s in order, up to the deciding one. */
  children?: readonly MatchResult[];
}

export interface Matcher {
  /** The goss matcher name: 'equal', 'contain-element', 'have-patterns', 'gt', ... */
  readonly name: string;
  /** How goss marshals the matcher where it prints one (a member of a list, of `or`, under `not`...). */
  readonly json: unknown;
  test(actual: unknown): MatchResult;
  /**
   * goss's reports for a value the matcher was never applied to (a transform above it failed): its wording
   * with no findings, as goss's matcher reports before any match.
   */
  unapplied(actual: unknown): Reports;
  /** Human form, e.g. `equal "root"`, `be > 3`, `have patterns ["/^v24\./"]`. */
  describe(): string;
}

/** A leaf's verdict; a failure without a message is worded `expected <actual> to <describe>`. */
export interface Verdict {
  ok: boolean;
  message?: string;
  error?: boolean;
  /** Missing, found and extra elements, for goss's FailureResult. */
  findings?: Partial<MatchReport>;
}

export const PASS: Verdict = Object.freeze({ ok: true });
export const fail = (message?: string): Verdict =>
  message === undefined ? { ok: false } : { ok: false, message };
export const matchError = (message: string): Verdict => ({ ok: false, message, error: true });

export interface LeafSpec {
  name: string;
  /** The matcher as the spec writes it; by default `{name: expected}`. */
  json?: unknown;
  describe: string;
  /** goss's FailureResult wording ('to equal'); its NegatedFailureResult puts "not " before it. */
  says: string;
  /** What goss reports as expected. */
  expected: unknown;
  check(actual: unknown): Verdict;
  /** How goss prints the value it was given, when not as it is (HavePatterns: `object: <type>`). */
  shown?: (actual: unknown, negated: boolean) => unknown;
  /** goss's findings before (or without) a match: ContainElements has found every element. */
  unmatched?: Partial<MatchReport>;
}

/** A matcher on one value, with goss's reports worded from its spec. */
export function leafMatcher(spec: LeafSpec): Matcher {
  const reports = (actual: unknown, findings: Partial<MatchReport> | undefined): Reports => ({
    failure: report(spec.shown ? spec.shown(actual, false) : actual, spec.says, spec.expected, findings),
    negated: report(spec.shown ? spec.shown(actual, true) : actual, `not ${spec.says}`, spec.expected),
  });
  return {
    name: spec.name,
    json: 'json' in spec ? spec.json : { [spec.name]: spec.expected },
    describe: () => spec.describe,
    unapplied: (actual) => reports(actual, spec.unmatched),
    test(actual) {
      const v = spec.check(actual);
      const message = v.ok ? undefined : (v.message ?? `expected ${show(actual)} to ${spec.describe}`);
      return {
        matcher: spec.name,
        ok: v.ok,
        ...(message === undefined ? {} : { message }),
        ...(v.error ? { error: true } : {}),
        ...reports(actual, v.findings ?? spec.unmatched),
      };
    },
  };
}

/**
 * Stands for a matcher goss cannot build from the spec's value (an unknown matcher name, an argument of the
 * wrong type, a required attribute left out): the property fails with goss's error, whatever is observed.
 */
export function unbuilt(message: string): Matcher {
  const result: MatchResult = Object.freeze({
    matcher: 'unbuilt',
    ok: false,
    message,
    error: true,
    unbuilt: true,
    failure: ZERO_REPORT,
    negated: ZERO_REPORT,
  });
  return {
    name: 'unbuilt',
    json: null,
    describe: () => `be a valid matcher (goss: ${message})`,
    test: () => result,
    unapplied: () => result,
  };
}
