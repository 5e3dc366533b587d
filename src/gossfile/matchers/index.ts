export {
  type CompiledMatcher,
  compileMatcher,
  MATCHER_NAMES,
  type MatcherProblem,
  type PathSegment,
} from './compile.js';
export { parseGjsonPath } from './gjson.js';
export { havePatterns, missingPatterns, patternRule, scanLines, scanPatterns } from './patterns.js';
export { compileGoRegexp } from './regexp.js';
export { compareVersions, parseRange, parseVersion } from './semver.js';
export { type Matcher, type MatchReport, type MatchResult, ZERO_REPORT } from './types.js';
export { goFormat, toGoString, toNumeric } from './values.js';
