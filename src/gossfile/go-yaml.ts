/**
 * How goss's YAML decoder reads a gossfile (gopkg.in/yaml.v3: a plain `yaml.Unmarshal` into goss's resource
 * structs), where that differs from the YAML 1.2 core schema the `yaml` package implements:
 *
 * - a plain integer is read as Go's `strconv.ParseInt(s, 0, 64)` reads it once underscores are dropped:
 *   `0755` is the octal number 493 (the core schema reads 755), `0b101` is 5, `0X1F` is 31, `1_000` is 1000;
 * - a Go string field (command `exec`, http `method`, `title`, every key) takes any scalar as it is written:
 *   `exec: true` is the command `true`, `exec: 1.50` is "1.50", `exec: 0755` is "0755";
 * - an int field (`timeout`) takes a number (a fraction is dropped) and refuses a string, even "500";
 * - a bool field (`skip`, `allow-insecure`...) takes true or false and, as YAML 1.1 spelled them, y, yes, on,
 *   n, no, off (any case variant Go lists), quoted or not — but not the quoted string "true";
 * - a list-of-strings field takes a sequence of scalars; a map field a mapping. Anything else is a load
 *   error in goss: it stops before checking anything, so slipway reports it before any container starts.
 *
 * Attributes typed as goss's `matcher` take any value, decoded as above (`mode: 0755` is the number 493).
 */
import { type Document, isMap, isScalar, isSeq, type Node, type ScalarTag } from 'yaml';
import { show } from './matchers/values.js';
import type { AttributeKind } from './resources/module.js';

/** A plain scalar that Go's ParseInt (base 0, underscores dropped) reads as an integer. */
const GO_INT =
  /^[-+]?(?:0[xX][0-9a-fA-F_]*[0-9a-fA-F][0-9a-fA-F_]*|0[oO][0-7_]*[0-7][0-7_]*|0[bB][01_]*[01][01_]*|0[0-7_]*|[1-9][0-9_]*)$/;

/** Go's value of a plain integer as yaml.v3 resolves it. */
export function goInt(source: string): number {
  const s = source.replace(/_/g, '');
  const negative = s.startsWith('-');
  const body = s.replace(/^[-+]/, '');
  const prefixed = /^0[xXoObB]/.test(body);
  const radix = prefixed ? { x: 16, o: 8, b: 2 }[(body[1] as string).toLowerCase() as 'x' | 'o' | 'b'] : 0;
  const n = prefixed
    ? Number.parseInt(body.slice(2), radix)
    : body.length > 1 && body.startsWith('0')
      ? Number.parseInt(body.slice(1), 8)
      : Number.parseInt(body, 10);
  return negative && n !== 0 ? -n : n;
}

/** The `yaml` tag that reads plain integers as yaml.v3 does; it goes before the core schema's own. */
export const GO_INT_TAG: ScalarTag = {
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: GO_INT,
  resolve: goInt,
};

/**
 * Whether a plain scalar is an integer with a leading zero that Go reads as octal (`0755` → 493); not one
 * tagged a string (`!!str 0755` is "0755").
 */
export const isGoOctal = (n: unknown): n is { source: string } =>
  isScalar(n) &&
  n.type === 'PLAIN' &&
  typeof n.value === 'number' &&
  typeof n.source === 'string' &&
  /^[-+]?0[0-7_]+$/.test(n.source);

/**
 * The text yaml.v3 puts into a Go string field: a string scalar's value, any other scalar as written, ''
 * for null (Go's zero string); undefined for a map or a list.
 */
export function goText(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  if (n.value === null || n.value === undefined) return '';
  if (typeof n.value === 'string') return n.value;
  return typeof n.source === 'string' ? n.source : String(n.value);
}

const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'];

export type Decoded = { ok: true; value: unknown } | { ok: false; expected: string; got: string };

/** A setting's YAML value as goss's struct field of that kind receives it, or why goss refuses it. */
export function decodeSetting(kind: AttributeKind, node: Node, doc: Document): Decoded {
  const js: unknown = node.toJS(doc);
  const refuse = (expected: string): Decoded => ({ ok: false, expected, got: show(js) });
  const texts = (): string[] | undefined =>
    isSeq(node) && node.items.every((x) => isScalar(x))
      ? node.items.map((x) => goText(x) as string)
      : undefined;
  switch (kind) {
    case 'bool':
      if (typeof js === 'boolean') return { ok: true, value: js };
      if (typeof js === 'string' && TRUE.includes(js)) return { ok: true, value: true };
      if (typeof js === 'string' && FALSE.includes(js)) return { ok: true, value: false };
      return refuse('true or false');
    case 'int':
      return typeof js === 'number' && Number.isFinite(js)
        ? { ok: true, value: Math.trunc(js) }
        : refuse('a number');
    case 'string': {
      const t = goText(node);
      return t === undefined ? refuse('a string (any scalar)') : { ok: true, value: t };
    }
    case 'string-list': {
      const list = texts();
      return list ? { ok: true, value: list } : refuse('a list of strings');
    }
    case 'string-or-list': {
      const t = goText(node);
      if (t !== undefined) return { ok: true, value: t };
      const list = texts();
      return list?.length ? { ok: true, value: list } : refuse('a string or a list of strings');
    }
    case 'map':
      return isMap(node) ? { ok: true, value: js } : refuse('a mapping');
    default:
      return { ok: true, value: js };
  }
}
