/**
 * What is wrong with a matcher in a spec, located by the path from the attribute's value down to the node, and
 * when goss meets it; the loader turns each into a diagnostic at that YAML node.
 */
import { SPEC, type SpecCode } from '../codes.js';
import { goQuote, goType, show } from './values.js';

export type PathSegment = string | number;

/**
 * When goss meets the problem:
 * - `build`: resource/gomega.go cannot build the matcher; goss runs the spec and reports the property failed
 *   with `goss` (its error text);
 * - `match`: the matcher builds but errors when applied (a bad regexp or semver range, a non-number for
 *   `gt`, a line pattern that is not a string); goss reports the property failed with that error;
 * - `refuse`: nothing to report as goss would: goss stops with a panic (an empty matcher `{}`), or slipway
 *   cannot evaluate it (a gjson path outside its subset).
 */
export type ProblemKind = 'build' | 'match' | 'refuse';

export interface MatcherProblem {
  /** Keys and list indexes from the attribute's value down to the offending node. */
  path: PathSegment[];
  /** Whether the problem is the map key at the end of `path` (an unknown matcher name) or its value. */
  on: 'key' | 'value';
  code: SpecCode;
  message: string;
  kind: ProblemKind;
  /** goss's error for a `build` problem: the text of the failed property. */
  goss?: string;
}

export type Problems = MatcherProblem[];

/** goss's `invalidArgSyntaxError`. */
export const invalidArg = (name: string, expected: string, value: unknown) =>
  `Syntax Error: Invalid '${name}' argument. Expected ${expected} value, but received: ${goType(value)}: ${goQuote(value)}`;

/** A matcher goss cannot build: recorded, and no matcher for this part. */
export function cannotBuild(
  ps: Problems,
  path: PathSegment[],
  code: SpecCode,
  message: string,
  goss: string,
  on: 'key' | 'value' = 'value',
): undefined {
  ps.push({ path, on, code, message, kind: 'build', goss });
  return undefined;
}

/**
 * A matcher given the wrong kind of argument: in slipway's words (`'have-len' expects a number, got "x"`) and
 * as goss's `invalidArgSyntaxError` (with `goName` where goss names the matcher otherwise).
 */
export function wrongArgument(
  ps: Problems,
  path: PathSegment[],
  name: string,
  expects: string,
  goExpects: string,
  value: unknown,
  goName = name,
): undefined {
  const message = `'${name}' expects ${expects}, got ${show(value)}`;
  return cannotBuild(ps, path, SPEC.matcherArgument, message, invalidArg(goName, goExpects, value));
}

export const problem = (
  path: PathSegment[],
  code: SpecCode,
  message: string,
  kind: ProblemKind,
): MatcherProblem => ({
  path,
  on: 'value',
  code,
  message,
  kind,
});
