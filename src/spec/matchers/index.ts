export {
  type CompiledMatcher,
  compileMatcher,
  MATCHER_NAMES,
  type MatcherProblem,
  type PathSegment,
} from './compile.js';
export { parseGjsonPath } from './gjson.js';
export { havePatterns, missingPatterns, patternRule, scanLines } from './patterns.js';
export { compileGoRegexp } from './regexp.js';
export { compareVersions, parseRange, parseVersion } from './semver.js';
export type { Matcher, MatchResult } from './types.js';
export { goFormat, toGoString, toNumeric } from './values.js';
