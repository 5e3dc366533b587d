/** spec/: what a goss-format container test spec declares. Nothing here probes a system. */
export { SPEC, type SpecCode } from './codes.js';
export {
  type AttributeKind,
  type AttributeSpec,
  type DeclaredProperty,
  type DeclaredResource,
  GOSS_DEFAULTS,
  GOSS_VERSION,
  type ObservedKind,
  RESOURCE_TYPES,
  type ResourceSchema,
  type ResourceType,
  type Spec,
} from './declared.js';
export { evaluate, type Observed, type PropertyOutcome } from './evaluate.js';
export { type LoadedSpec, type LoadOptions, loadSpec } from './load.js';
export {
  type CompiledMatcher,
  compileMatcher,
  MATCHER_NAMES,
  type Matcher,
  type MatcherProblem,
  type MatchReport,
  type MatchResult,
  ZERO_REPORT,
} from './matchers/index.js';
export { attributesOf, resultId, SCHEMAS, targetOf } from './schema/index.js';
export {
  type Rendered,
  renderTemplate,
  type TemplateData,
  type TemplateProblem,
  UNSUPPORTED_FUNCTIONS,
} from './templates/render.js';
export { INLINE_VARS, type LoadedVars, loadVars } from './vars.js';
