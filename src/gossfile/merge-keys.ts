/**
 * YAML merge keys (`<<: *anchor`) as goss's decoder (yaml.v3) applies them, at every level: the mappings of
 * a parsed document are rewritten in place so that everything after reads plain entries.
 *
 * - a merge key is a plain `<<` (or one tagged `!!merge`); a quoted "<<" is an ordinary key;
 * - its value is a mapping, an alias of one, or a sequence of those; anything else is a load error;
 * - the mapping's own keys win over merged ones; in a sequence an earlier mapping wins over a later one;
 * - of several merge keys in one mapping, yaml.v3 applies the last only;
 * - merged entries take the place of the merge key; they are the anchor's own nodes (located there).
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  visit,
  type YAMLMap,
} from 'yaml';
import { goText } from './go-yaml.js';

/** The plain `<<` key the `yaml` package reads as a merge (its value is a symbol). */
export const isMergeKey = (k: unknown): boolean => isScalar(k) && typeof k.value === 'symbol';

/** Expands the merge keys of every mapping; `refuse` is told of each merge value goss cannot load. */
export function expandMergeKeys(doc: Document, refuse: (at: Node, message: string) => void): void {
  const done = new WeakSet<YAMLMap>();
  const expand = (map: YAMLMap): void => {
    if (done.has(map)) return;
    done.add(map);
    const merges = map.items.filter((p) => isMergeKey(p.key));
    const last = merges[merges.length - 1];
    if (!last) return;
    const keyOf = (p: Pair) => goText(isAlias(p.key) ? p.key.resolve(doc) : p.key) ?? '';
    const seen = new Set(map.items.filter((p) => !isMergeKey(p.key)).map(keyOf));
    const merged: Pair[] = [];
    const source = (n: unknown): YAMLMap | undefined => {
      const m = isAlias(n) ? n.resolve(doc) : n;
      if (!isMap(m)) return undefined;
      expand(m);
      return m;
    };
    const value = last.value;
    const target = isAlias(value) ? value.resolve(doc) : value;
    const sources = isSeq(target) && !isAlias(value) ? target.items.map(source) : [source(value)];
    if (sources.some((s) => !s)) {
      refuse((value ?? last.key) as Node, 'map merge requires map or sequence of maps as the value');
      map.items = map.items.filter((p) => !isMergeKey(p.key));
      return;
    }
    for (const s of sources as YAMLMap[])
      for (const p of s.items) {
        if (seen.has(keyOf(p))) continue;
        seen.add(keyOf(p));
        merged.push(p as Pair);
      }
    const at = map.items.indexOf(last);
    map.items = [
      ...map.items.slice(0, at).filter((p) => !isMergeKey(p.key)),
      ...merged,
      ...map.items.slice(at + 1).filter((p) => !isMergeKey(p.key)),
    ];
  };
  visit(doc, {
    Map(_, map) {
      expand(map as YAMLMap);
    },
  });
}
