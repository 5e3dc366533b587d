/**
 * What a goss-format spec DECLARES (goss v0.4: github.com/goss-org/goss, `resource/`). Nothing here probes:
 * a declared resource is the YAML key, its settings, and one compiled matcher per asserting attribute.
 *
 * Each type (its attributes, defaults, evaluation order, gate, `add`) is one module in `resources/`;
 * `RESOURCES` in `resources/index.ts` is the table of them.
 */
import type { Range } from '../core/diagnostics.js';
import type { Matcher } from './matchers/types.js';
import type { ResourceType } from './resources/index.js';

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
  /** Asserting attributes in the order goss evaluates (and prints) them; see `ResourceModule.gate`. */
  properties: DeclaredProperty[];
  /**
   * Non-asserting settings with goss's defaults filled in as each type's module declares them, e.g. command
   * `exec` (defaults to the key) and `timeout`, http `method`, `timeout`, `allow-insecure`...
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
 * The goss release whose behaviour slipway follows (resource/, system/, outputs/ of that tag). Where goss
 * prints its own version, slipway prints this: e.g. the default http `User-Agent: goss/<version>`.
 */
export const GOSS_VERSION = 'v0.4.9';
