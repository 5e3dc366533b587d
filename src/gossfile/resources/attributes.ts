/** The attribute builders every resource module uses, and the attributes every type accepts. */
import { UserError } from '../../core/errors.js';
import type { Observation } from '../observation.js';
import type { AttributeKind, AttributeSpec, ObservedKind } from './module.js';

type Extra = Partial<
  Pick<AttributeSpec, 'result' | 'required' | 'default' | 'deprecated' | 'spellingOf' | 'atoi'>
>;

/** An asserting attribute: any matcher; `observed` is what the system reports for it. */
export const assert = (
  name: string,
  observed: ObservedKind,
  doc: string,
  extra: Extra = {},
): AttributeSpec => ({
  name,
  kind: 'matcher',
  asserting: true,
  observed,
  doc,
  ...extra,
});

/** An asserting attribute over text read line by line: a YAML list is a list of line patterns. */
export const text = (name: string, doc: string, extra: Extra = {}): AttributeSpec => ({
  name,
  kind: 'contents-list',
  asserting: true,
  observed: 'text',
  doc,
  ...extra,
});

/** A setting that asserts nothing. */
export const option = (name: string, kind: AttributeKind, doc: string, extra: Extra = {}): AttributeSpec => ({
  name,
  kind,
  asserting: false,
  doc,
  ...extra,
});

/** Every type accepts these (goss `title`, `meta`); `skip` only where the schema says `skippable`. */
export const TITLE = option('title', 'string', 'free text printed with the results');
export const META = option('meta', 'map', 'arbitrary data carried into the results');
export const SKIP = option('skip', 'bool', 'report every property as skipped', { default: false });

/** A setting's default, as its module declares it. */
export function defaultOf(attributes: readonly AttributeSpec[], name: string): unknown {
  return attributes.find((a) => a.name === name)?.default;
}

/**
 * For `add`: the observed values of `observation`, by property; a property that could not be observed stops
 * `add` (goss add fails too) with `problem(error)` as the user's error.
 */
export function observedValues(
  observation: Observation,
  problem: (error: string) => string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [p, o] of Object.entries(observation)) {
    if ('error' in o) throw new UserError(problem(o.error));
    out[p] = o.value;
  }
  return out;
}
