/**
 * What a goss-format spec DECLARES (goss v0.4: github.com/goss-org/goss, `resource/`). Nothing here probes:
 * a declared resource is the YAML key, its settings, and one compiled matcher per asserting attribute.
 *
 * The per-type attribute tables (name, value kind, asserting or option, default, evaluation order, gate)
 * live in `schema/`, one file per type; `SCHEMAS` in `schema/index.ts` is the lookup table.
 */
import type { Range } from '../core/diagnostics.js';
import type { Matcher } from './matchers/types.js';

export const RESOURCE_TYPES = [
  'file',
  'package',
  'user',
  'group',
  'command',
  'process',
  'port',
  'addr',
  'http',
  'dns',
  'mount',
  'kernel-param',
  'interface',
  'service',
  'matching',
  'gossfile',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface DeclaredProperty {
  /** goss's YAML key, e.g. 'exit-status', 'linked-to'. */
  name: string;
  /** The property name goss prints in results, e.g. file 'linkedto', http 'Body', package 'version'. */
  resultProperty: string;
  /**
   * The attribute's value as goss holds it once loaded (YAML decoded as goss decodes it, a numeric string
   * where goss converts one made a number): what goss prints as expected, "0644", 5, [root], {gt: 3}.
   */
  value: unknown;
  /** The matcher compiled from `value`. */
  expected: Matcher;
  /** From the attribute's key to the end of its value. */
  range: Range;
}

export interface DeclaredResource {
  type: ResourceType;
  /** The YAML key: a path, package name, command line, 'tcp:3000', a URL... */
  id: string;
  title?: string;
  meta?: Record<string, unknown>;
  skip: boolean;
  /** Asserting attributes in the order goss evaluates (and prints) them; see `ResourceSchema.gate`. */
  properties: DeclaredProperty[];
  /**
   * Non-asserting settings with goss's defaults filled in, e.g. command `exec` (defaults to the key) and
   * `timeout` (10000), http `method` ('GET'), `timeout` (5000), `allow-insecure`...
   */
  options: Record<string, unknown>;
  /** The gossfile that declared it (as given, or joined onto the including file's directory). */
  file: string;
  /** From the resource key to the end of its attributes. */
  range: Range;
}

export interface Spec {
  /** Every gossfile read: the main one first, then includes in the order goss merges them. */
  files: string[];
  /** Each file as rendered (templates applied), in the order read: what a spec fingerprint covers. */
  rendered: { path: string; rendered: string }[];
  /** After merging: a later declaration of the same type and key replaces an earlier one (goss). */
  resources: DeclaredResource[];
}

/**
 * How an attribute's YAML value is read.
 * - matcher: any matcher (plain value, list, `{and: ...}`...); compiled to a `Matcher`.
 * - contents-list: like matcher, but a YAML list is a list of line patterns (`foo`, `!foo`, `/re/`,
 *   `!/re/`) checked against the text line by line; any other value is matched against the whole text.
 * - the others are plain settings (options) of that type; `string-or-list` is command `exec`.
 */
export type AttributeKind =
  | 'bool'
  | 'int'
  | 'string'
  | 'string-list'
  | 'string-or-list'
  | 'map'
  | 'any'
  | 'matcher'
  | 'contents-list';

/** What the system reports for an asserting attribute; the probe returns a value of this kind. */
export type ObservedKind = 'bool' | 'int' | 'string' | 'string-list' | 'text' | 'any';

export interface AttributeSpec {
  name: string;
  kind: AttributeKind;
  /** Asserting attributes become properties; the rest are options. */
  asserting: boolean;
  observed?: ObservedKind;
  /** The name goss prints for the property when it differs from `name`. */
  result?: string;
  /**
   * goss always evaluates it: left out (or null), the property is still reported, failed as a missing required
   * attribute (and, being the gate, skips the rest). The loader warns (SPEC008) and declares it that way.
   */
  required?: boolean;
  /** Filled into `options` when absent (or 0, which goss treats as unset). */
  default?: unknown;
  /** Why the attribute is deprecated, and what replaces it. */
  deprecated?: string;
  doc: string;
}

export interface ResourceSchema {
  type: ResourceType;
  /** goss's type name, printed in results: 'File', 'KernelParam', 'HTTP'. */
  name: string;
  /** What the YAML key means. */
  key: string;
  /** The option that replaces the key as the thing to test (`path`, `url`, `exec`...); defaults to the key. */
  target?: string;
  /**
   * The first property: when it fails, errors, or observes `false` (e.g. `exists: false` holds), goss
   * reports every later property as skipped (resource/resource.go `shouldSkip`).
   */
  gate?: string;
  /** Whether the type accepts `skip: true`. */
  skippable: boolean;
  /** Asserting attributes in goss's evaluation order; options anywhere. */
  attributes: AttributeSpec[];
}

/**
 * The goss release whose behaviour slipway follows (resource/, system/, outputs/ of that tag). Where goss
 * prints its own version, slipway prints this: e.g. the default http `User-Agent: goss/<version>`.
 */
export const GOSS_VERSION = 'v0.4.9';

/** goss's defaults for a missing or zero setting (resource/*.go `Validate`). */
export const GOSS_DEFAULTS = {
  command: { timeout: 10_000 },
  http: { timeout: 5_000, method: 'GET', 'allow-insecure': false, 'no-follow-redirects': false },
  addr: { timeout: 500 },
  dns: { timeout: 500 },
  mount: { timeout: 1_000 },
} as const;
