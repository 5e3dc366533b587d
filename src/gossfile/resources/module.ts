/**
 * What one resource type module declares (goss: resource/<type>.go): its attributes with their defaults — the
 * one place a default is written —, how it gates and compares where that is particular to it, and how
 * `slipway add` writes an assertion from an observation of it. `resources/index.ts` is the table of them.
 */
import type { Observation } from '../observation.js';

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

/** What the system reports for an asserting attribute; the observer returns a value of this kind. */
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
  /** An old spelling of that attribute: it counts as it when required, and is dropped when both are given. */
  spellingOf?: string;
  /** goss's `deprecateAtoI`: a numeric string is taken as the integer, with a warning. */
  atoi?: boolean;
  doc: string;
}

/** How `slipway add` writes an assertion (goss's `New<Type>`, resource/<type>.go). */
export interface AddSpec {
  /** The properties to observe. */
  observes: readonly string[];
  /** The assertion (attribute → value) for `name` from what was observed; a UserError when it cannot be. */
  write(observed: Observation, name: string): Record<string, unknown>;
}

export interface ResourceModule {
  /** The YAML key of the type: 'file', 'kernel-param'. */
  type: string;
  /** goss's type name, printed in results: 'File', 'KernelParam', 'HTTP'. */
  name: string;
  /** What the YAML key means. */
  key: string;
  /** The option that replaces the key as the thing to test (`path`, `url`, `exec`...); defaults to the key. */
  target?: string;
  /** The id goss prints is always the key, whatever the target option says (goss's `ID()`). */
  idIsKey?: boolean;
  /**
   * The first property: when it fails, errors, or observes `false` (e.g. `exists: false` holds), goss
   * reports every later property as skipped (resource/resource.go `shouldSkip`).
   */
  gate?: string;
  /** Whether the type accepts `skip: true`. */
  skippable: boolean;
  /** Asserting attributes in goss's evaluation order; options anywhere. */
  attributes: AttributeSpec[];
  /** Nothing is observed: what the properties are compared with comes from the settings (matching). */
  fromSettings?: (options: Readonly<Record<string, unknown>>) => Observation;
  /** Its entries include other gossfiles: merged when the spec loads, never tested (gossfile). */
  includes?: boolean;
  /** How `slipway add` writes it; absent when the type cannot be added. */
  add?: AddSpec;
}
