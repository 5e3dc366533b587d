/**
 * The contract between the two sides (goss: resource/ calls system/): what an observer is told of a declared
 * resource — its identity and settings, never its expected values (principle 2) — and what it returns. Types
 * only: check/system/ may import this file and nothing else of gossfile/ (.dependency-cruiser.cjs).
 */

/** What was observed for one property: its value, or why it could not be read. */
export type Observed = { value: unknown } | { error: string };

/** Property name (goss's YAML key) → what was observed. */
export type Observation = Record<string, Observed>;

/** A declared resource as its observer sees it: what to look at and how, not what is expected. */
export interface Identity {
  /** The YAML key: a path, a package name, a command line, 'tcp:3000', a URL... */
  id: string;
  /** What is tested: the target option (`path`, `url`, `exec`...) or else the key, as a string. */
  target: string;
  /** The non-asserting settings with goss's defaults filled in: `exec`, `timeout`, `server`, `method`... */
  options: Readonly<Record<string, unknown>>;
  /** The names of the properties declared (never their values): what needs reading. */
  properties: readonly string[];
}
