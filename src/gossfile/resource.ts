/**
 * One resource entry (`<key>: {attributes}`) of one type → a `DeclaredResource`, with a located diagnostic for
 * every attribute goss would refuse (an error) or run and report failed (a warning, and the property declared
 * so that it fails as goss reports it). Values are read as goss's YAML decoder reads them (go-yaml.ts).
 * Pure: works on YAML nodes of a parsed file.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Range, Severity } from '../core/diagnostics.js';
import { SPEC, type SpecCode, suggestion } from './codes.js';
import type { DeclaredProperty, DeclaredResource } from './declared.js';
import { decodeSetting, goText, isGoOctal } from './go-yaml.js';
import { withDefaults } from './identity.js';
import { compileMatcher, type PathSegment } from './matchers/compile.js';
import { unbuilt } from './matchers/types.js';
import { show } from './matchers/values.js';
import { attributesOf, RESOURCES, type ResourceType } from './resources/index.js';
import type { AttributeSpec } from './resources/module.js';
import type { SourceMap } from './source.js';

export interface FileContext {
  file: string;
  doc: Document;
  map: SourceMap;
  report(code: SpecCode, at: Range, message: string, severity?: Severity): void;
}

export const resolve = (doc: Document, n: unknown): Node | null =>
  isAlias(n) ? (n.resolve(doc) ?? null) : ((n as Node | null | undefined) ?? null);

export const rangeOf = (ctx: FileContext, n: Node | null | undefined, to?: Node | null): Range => {
  const s = n?.range?.[0] ?? 0;
  const e = (to ?? n)?.range?.[1] ?? s;
  return ctx.map.range(s, e);
};

/** A key as goss reads it into a Go string: as written (`0755:` is "0755", not 493); an alias as its anchor's. */
export const keyName = (k: unknown, doc: Document): string => goText(resolve(doc, k)) ?? '';

export function parseResource(
  type: ResourceType,
  pair: Pair,
  ctx: FileContext,
): DeclaredResource | undefined {
  const keyNode = pair.key as Node;
  // goss decodes resource keys into Go strings: a mapping or a list there (or an alias of one) does not load.
  const keyValue = resolve(ctx.doc, keyNode);
  if (isMap(keyValue) || isSeq(keyValue)) {
    ctx.report(
      SPEC.wrongType,
      rangeOf(ctx, keyNode),
      `${type}: a resource key must be a string, got a ${isMap(keyValue) ? 'mapping' : 'list'}`,
    );
    return undefined;
  }
  const id = keyName(keyNode, ctx.doc);
  const value = resolve(ctx.doc, pair.value);
  const where = `${type} '${id}'`;
  if (!isMap(value)) {
    const got = value === null || (isScalar(value) && value.value === null) ? 'nothing' : 'a value';
    ctx.report(
      SPEC.wrongType,
      rangeOf(ctx, got === 'nothing' ? keyNode : value),
      `${where}: expected a mapping of attributes, got ${got}`,
    );
    return undefined;
  }
  const schema = RESOURCES[type];
  const attrs = attributesOf(type);
  const res: DeclaredResource = {
    type,
    id,
    skip: false,
    properties: [],
    options: {},
    file: ctx.file,
    range: rangeOf(ctx, keyNode, value),
  };
  const present = new Set<string>();
  for (const attrPair of value.items) {
    const k = attrPair.key as Node;
    const name = keyName(k, ctx.doc);
    const spec = attrs.find((a) => a.name === name);
    if (!spec) {
      const names = attrs.map((a) => a.name);
      const msg = `${where}: unknown attribute '${name}'${suggestion(name, names)}; expected one of: ${names.join(', ')}`;
      ctx.report(SPEC.unknownAttribute, rangeOf(ctx, k), msg);
      continue;
    }
    const v = resolve(ctx.doc, attrPair.value);
    const js = v ? v.toJS(ctx.doc) : null;
    if (js === null || js === undefined) continue;
    present.add(name);
    if (spec.deprecated)
      ctx.report(
        SPEC.deprecated,
        rangeOf(ctx, k),
        `${where}: '${name}' is deprecated: ${spec.deprecated}`,
        'warning',
      );
    const range = rangeOf(ctx, k, v);
    if (spec.asserting) {
      const p = property(spec, js, v as Node, range, ctx, where);
      if (p) res.properties.push(p);
      continue;
    }
    const decoded = decodeSetting(spec.kind, v as Node, ctx.doc);
    if (decoded.ok) setOption(res, name, decoded.value);
    else
      ctx.report(
        SPEC.wrongType,
        rangeOf(ctx, v),
        `${where}: '${name}' expects ${decoded.expected}, got ${decoded.got} (goss refuses to load it)`,
      );
  }
  const given = (name: string) =>
    present.has(name) || schema.attributes.some((b) => b.spellingOf === name && present.has(b.name));
  for (const a of schema.attributes) {
    if (!a.required || given(a.name)) continue;
    // goss still reports the property, failed ("missing required attribute"), and a failed gate skips the rest.
    const result = a.result ?? a.name;
    ctx.report(
      SPEC.missingRequired,
      rangeOf(ctx, keyNode),
      `${where}: missing required attribute '${a.name}' (goss reports '${result}' as failed)`,
      'warning',
    );
    const expected = unbuilt('Syntax Error: Missing required attribute');
    res.properties.push({
      name: a.name,
      resultProperty: result,
      value: null,
      expected,
      range: rangeOf(ctx, keyNode),
    });
  }
  // An old spelling given beside the new one is dropped.
  const respelled = schema.attributes.filter((a) => a.spellingOf && present.has(a.spellingOf));
  res.properties = res.properties.filter((p) => !respelled.some((a) => a.name === p.name));
  const order = schema.attributes.map((a) => a.name);
  res.properties.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  withDefaults(type, res.options, id);
  return res;
}

function setOption(res: DeclaredResource, name: string, js: unknown): void {
  if (name === 'title') res.title = js as string;
  else if (name === 'meta') res.meta = js as Record<string, unknown>;
  else if (name === 'skip') res.skip = js as boolean;
  else res.options[name] = js;
}

function property(
  spec: AttributeSpec,
  raw: unknown,
  node: Node,
  range: Range,
  ctx: FileContext,
  where: string,
): DeclaredProperty | undefined {
  let js = raw;
  const label = `${where}: '${spec.name}'`;
  const result = spec.result ?? spec.name;
  const fails = `goss reports '${result}' as failed`;
  // goss's `deprecateAtoI`: a string is converted with strconv.Atoi, and goss panics on one that is not an integer.
  if (spec.atoi && typeof js === 'string') {
    if (!/^[+-]?\d+$/.test(js)) {
      ctx.report(
        SPEC.wrongType,
        rangeOf(ctx, node),
        `${label} expects an integer, got ${show(js)} (goss stops with a panic on it)`,
      );
      return undefined;
    }
    ctx.report(SPEC.deprecated, rangeOf(ctx, node), `${label} should be an integer, not a string`, 'warning');
    js = Number(js);
  }
  // What goss loads and runs but can never pass as written: a warning; the property fails as goss reports it.
  const never = (message: string) =>
    ctx.report(SPEC.runsAndFails, rangeOf(ctx, node), `${label}: ${message}; ${fails}`, 'warning');
  const literal = typeof js === 'boolean' || typeof js === 'number' || typeof js === 'string';
  if (isGoOctal(node))
    never(
      `goss's YAML reads ${node.source} as the octal number ${show(js)} (quote it: "${node.source.replace(/^\+/, '')}")`,
    );
  else if (literal && spec.observed === 'bool' && typeof js !== 'boolean' && js !== 'true' && js !== 'false')
    never(`expects true or false (or a matcher), got ${show(js)}`);
  else if (
    literal &&
    spec.observed === 'int' &&
    (typeof js === 'boolean' || (typeof js === 'string' && !/^[+-]?\d+$/.test(js)))
  )
    never(`expects an integer (or a matcher), got ${show(js)}`);
  const patterns = spec.kind === 'contents-list';
  // goss skips a property given as an empty list (isSet).
  if (patterns && Array.isArray(js) && js.length === 0) return undefined;
  const compiled = compileMatcher(js, { patterns });
  for (const p of compiled.problems) {
    const at = nodeAt(ctx.doc, node, p.path, p.on);
    if (p.kind === 'refuse') ctx.report(p.code, rangeOf(ctx, at), `${label}: ${p.message}`);
    else ctx.report(p.code, rangeOf(ctx, at), `${label}: ${p.message}; ${fails}`, 'warning');
  }
  if (!compiled.matcher) return undefined;
  return { name: spec.name, resultProperty: result, value: js, expected: compiled.matcher, range };
}

/** The YAML node a matcher problem points at: follow keys and indexes from the attribute's value. */
function nodeAt(doc: Document, root: Node, path: PathSegment[], on: 'key' | 'value'): Node {
  let n: Node = root;
  for (const [i, seg] of path.entries()) {
    const cur = resolve(doc, n);
    if (isMap(cur)) {
      const pair = cur.items.find((p) => keyName(p.key, doc) === String(seg));
      if (!pair) return cur;
      if (i === path.length - 1 && on === 'key') return pair.key as Node;
      n = (resolve(doc, pair.value) ?? pair.key) as Node;
    } else if (isSeq(cur) && typeof seg === 'number' && cur.items[seg])
      n = resolve(doc, cur.items[seg]) as Node;
    else return cur ?? n;
  }
  return n;
}
