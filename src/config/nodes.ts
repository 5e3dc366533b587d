import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { editDistance } from '../core/suggest.js';

/**
 * The config's diagnostic codes (docs/diagnostics.md): each problem of `slipway.yaml` has its own.
 */
export const CONFIG_CODES = {
  /** Not YAML. */
  yaml: 'CFG000',
  /** A setting slipway does not know (with a did-you-mean). */
  unknown: 'CFG001',
  /** A value of the wrong type or form. */
  value: 'CFG002',
  /** A required setting is missing. */
  required: 'CFG003',
  /** A stage named in the config is not a stage of the Dockerfile. */
  stage: 'CFG004',
} as const;
export type ConfigCode = (typeof CONFIG_CODES)[keyof typeof CONFIG_CODES];

/** The readers every section of `slipway.yaml` shares: each reports a located problem through `err`. */
export type Raw = Record<string, Node | undefined>;
/** Reports a problem at a node; the code defaults to CFG002 (a bad value). */
export type Err = (node: Node | null | undefined, msg: string, code?: ConfigCode) => void;

export function readMap(map: YAMLMap, keys: readonly string[], into: Raw, err: Err, where = ''): void {
  for (const pair of map.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!keys.includes(key)) {
      const near = keys.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
      err(
        keyNode,
        `unknown setting '${where}${key}'${near ? ` (did you mean '${where}${near}'?)` : ''}; expected one of: ${keys.join(', ')}`,
        CONFIG_CODES.unknown,
      );
      continue;
    }
    into[key] = (pair.value as Node | null) ?? undefined;
  }
}

export function findKey(node: Node | undefined, key: string): Node | undefined {
  if (!isMap(node)) return node;
  return (node.items.find((p) => isScalar(p.key) && p.key.value === key)?.key as Node | undefined) ?? node;
}

export function scalarString(node: Node | undefined, name: string, err: Err): string | undefined {
  if (node === undefined) return undefined;
  if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') {
    err(node, `${name}: expected a non-empty string`);
    return undefined;
  }
  return node.value;
}

export function scalarNumber(
  node: Node | undefined,
  name: string,
  err: Err,
  min: number,
  max: number,
): number | undefined {
  if (node === undefined) return undefined;
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    err(node, `${name}: expected an integer from ${min} to ${max}`);
    return undefined;
  }
  return v;
}

export function stringMap(node: Node, name: string, err: Err): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) {
    err(node, `${name}: expected a mapping of names to values`);
    return out;
  }
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value;
    if (!isScalar(v) || v.value === null || typeof v.value === 'object') {
      err((v as Node) ?? (pair.key as Node), `${name}.${k}: expected a string, number or boolean`);
      continue;
    }
    out[k] = String(v.value);
  }
  return out;
}
