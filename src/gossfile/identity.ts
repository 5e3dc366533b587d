/**
 * What a declared resource is, apart from what it expects: the thing it tests, the id goss prints, and the
 * identity its observer is given (observation.ts).
 */
import type { DeclaredResource } from './declared.js';
import type { Identity } from './observation.js';
import { RESOURCES, type ResourceType } from './resources/index.js';

/** What the resource tests: its target option (`path`, `url`, `exec`...) or else its key. */
export function targetOf(r: DeclaredResource): unknown {
  const t = RESOURCES[r.type].target;
  return (t && r.options[t]) ?? r.id;
}

/**
 * The resource id goss prints with each result: the key, or `key: target` when a target option (`path`, `url`,
 * `name`...) is set and differs from it; the key alone where goss's `ID()` says so (command, gossfile).
 */
export function resultId(r: DeclaredResource): string {
  const { target, idIsKey } = RESOURCES[r.type];
  if (!target || idIsKey) return r.id;
  const v = r.options[target];
  return typeof v === 'string' && v !== '' && v !== r.id ? `${r.id}: ${v}` : r.id;
}

/** What the observer of `r` is told: never the expected values. */
export function identityOf(r: DeclaredResource): Identity {
  return {
    id: r.id,
    target: String(targetOf(r) ?? r.id),
    options: r.options,
    properties: r.properties.map((p) => p.name),
  };
}

/** The identity of `name` declared with nothing but goss's defaults, observing `properties` (`slipway add`). */
export function identityFor(type: ResourceType, name: string, properties: readonly string[]): Identity {
  return { id: name, target: name, options: withDefaults(type, {}, name), properties };
}

/**
 * `options` with goss's defaults filled in where a setting is absent (or 0 or '', which goss treats as unset),
 * and the target setting set to the key when it is empty (goss tests the key for `exec: ""`, `path: ~`).
 */
export function withDefaults(
  type: ResourceType,
  options: Record<string, unknown>,
  id: string,
): Record<string, unknown> {
  const { attributes, target } = RESOURCES[type];
  for (const a of attributes) {
    const cur = options[a.name];
    if (a.default !== undefined && (cur === undefined || cur === 0 || cur === ''))
      options[a.name] = a.default;
  }
  if (target && (options[target] === undefined || options[target] === '')) options[target] = id;
  return options;
}
