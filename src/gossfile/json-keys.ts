/**
 * A `.json` spec as goss decodes it. goss picks its decoder by the extension of the spec it was given
 * (store.go: `.json` → encoding/json, `.yaml`/`.yml` → yaml.v3) and reads the files that spec includes with
 * the same one. encoding/json does not refuse a key given twice in an object: the later value replaces the
 * earlier (a resource map, a resource's attribute, a matcher's key alike).
 */
import { type Document, isAlias, isMap, type Pair, visit } from 'yaml';
import { goText } from './go-yaml.js';

export type SpecFormat = 'yaml' | 'json';

/** goss's decoder for a spec given as `path` (any other extension than `.json` is read as YAML here). */
export const formatOf = (path: string): SpecFormat => (path.endsWith('.json') ? 'json' : 'yaml');

/** Drops every entry whose key comes again later in its mapping; gives each dropped entry and the one kept. */
export function keepLastKeys(doc: Document): { dropped: Pair; kept: Pair }[] {
  const out: { dropped: Pair; kept: Pair }[] = [];
  const keyOf = (p: Pair) => goText(isAlias(p.key) ? p.key.resolve(doc) : p.key) ?? '';
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const last = new Map<string, Pair>();
      for (const p of map.items) last.set(keyOf(p), p);
      if (last.size === map.items.length) return;
      for (const p of map.items) {
        const kept = last.get(keyOf(p)) as Pair;
        if (kept !== p) out.push({ dropped: p, kept });
      }
      map.items = map.items.filter((p) => last.get(keyOf(p)) === p);
    },
  });
  return out;
}
