/** gossfile/: what a goss-format container test spec declares. Nothing here probes a system. */
export { SPEC, type SpecCode } from './codes.js';
export {
  type DeclaredProperty,
  type DeclaredResource,
  GOSS_VERSION,
  type Spec,
} from './declared.js';
export { evaluate, type PropertyOutcome } from './evaluate.js';
export { identityFor, identityOf, resultId, targetOf } from './identity.js';
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
export type { Identity, Observation, Observed } from './observation.js';
export { ADDABLE, attributesOf, RESOURCE_TYPES, RESOURCES, type ResourceType } from './resources/index.js';
export type {
  AddSpec,
  AttributeKind,
  AttributeSpec,
  ObservedKind,
  ResourceModule,
} from './resources/module.js';
export {
  type Rendered,
  renderTemplate,
  type TemplateData,
  type TemplateProblem,
  UNSUPPORTED_FUNCTIONS,
} from './templates/render.js';
export { INLINE_VARS, type LoadedVars, loadVars } from './vars.js';
