/**
 * What in a rendered gossfile depends on `.Env`. A spec checked before its target exists is rendered with a
 * placeholder environment (every `.Env.X` is ''); a problem found where the placeholder's output went (two
 * keys that only differ by an env value, an `exists: {{ .Env.X }}` read as null) may be an artefact of it.
 * The pre-check leaves such problems to the render with the target's environment, which reports them located
 * as usual, and reports the rest at once.
 *
 * The unit is a mapping entry: from its key to the next key of its mapping (so what an `{{ if .Env.X }}`
 * adds below a key belongs to it), and whatever it brings in by alias or merge key.
 */
import { type Document, isAlias, isCollection, isMap, isPair, type Node, type Pair, visit } from 'yaml';

export interface EnvDependence {
  /** Whether any of the rendered text depends on `.Env`. */
  readonly any: boolean;
  /** Whether a node, or a node it brings in by alias, was written with output that depends on `.Env`. */
  node(n: unknown): boolean;
  /** Whether a mapping entry was (from its key to the next key), or brings such a node in. */
  entry(p: Pair): boolean;
}

/** Nothing depends on `.Env` (the environment is known, or the spec does not use it). */
export const NO_ENV: EnvDependence = { any: false, node: () => false, entry: () => false };

/**
 * `ranges`: spans of the rendered text (offsets, possibly empty) that depend on `.Env`. Call before the
 * document's mappings are rewritten (merge keys): an entry's span is where it was written.
 */
export function envDependence(doc: Document, ranges: readonly [number, number][]): EnvDependence {
  if (!ranges.length) return NO_ENV;
  const touches = (start: number, end: number) => ranges.some(([s, e]) => s <= end && e >= start);
  const spans = entrySpans(doc);
  const memo = new WeakMap<object, boolean>();
  const node = (n: unknown, seen = new Set<unknown>()): boolean => {
    if (!n || typeof n !== 'object' || seen.has(n)) return false;
    const known = memo.get(n);
    if (known !== undefined) return known;
    seen.add(n);
    let dependent = false;
    if (isAlias(n)) dependent = node(n.resolve(doc), seen);
    else {
      const r = (n as Node).range;
      dependent = Boolean(r && touches(r[0], r[2]));
      if (!dependent && isCollection(n))
        dependent = n.items.some((it) => (isPair(it) ? entry(it, seen) : node(it, seen)));
    }
    memo.set(n, dependent);
    return dependent;
  };
  const entry = (p: Pair, seen = new Set<unknown>()): boolean => {
    const span = spans.get(p);
    return Boolean(span && touches(span[0], span[1])) || node(p.key, seen) || node(p.value, seen);
  };
  return { any: true, node: (n) => node(n), entry: (p) => entry(p) };
}

/** Each mapping entry's written span: from its key to just before the next key of its mapping. */
function entrySpans(doc: Document): WeakMap<Pair, [number, number]> {
  const out = new WeakMap<Pair, [number, number]>();
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const starts = map.items.map(
        (p) => (p.key as Node | null)?.range?.[0] ?? (p.value as Node | null)?.range?.[0],
      );
      const end = map.range?.[2] ?? 0;
      map.items.forEach((p, i) => {
        const start = starts[i];
        if (start === undefined) return;
        const next = starts.slice(i + 1).find((s) => s !== undefined && s > start);
        out.set(p, [start, next === undefined ? end : next - 1]);
      });
    },
  });
  return out;
}
