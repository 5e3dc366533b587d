import type { AttributeKind, AttributeSpec, ObservedKind } from '../declared.js';

type Extra = Partial<Pick<AttributeSpec, 'result' | 'required' | 'default' | 'deprecated'>>;

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
