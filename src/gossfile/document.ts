/**
 * One gossfile's rendered text → the YAML document goss decodes, with the problems of decoding it: YAML
 * syntax and duplicate keys (SPEC002), unknown anchors, the documents after the first (SPEC019), a `.json`
 * spec's repeated keys (SPEC016; json-keys.ts), merge keys (merge-keys.ts). With a placeholder `.Env`, what
 * may be its artefact is left out (env-dependence.ts). Nothing here knows resource types: load.ts reads them.
 */
import { type Document, type Node, visit } from 'yaml';
import { type Diagnostic, diagnostic, pointRange } from '../core/diagnostics.js';
import { SPEC } from './codes.js';
import { type EnvDependence, envDependence, NO_ENV } from './env-dependence.js';
import { formatOf, keepLastKeys, type SpecFormat } from './json-keys.js';
import { expandMergeKeys } from './merge-keys.js';
import { type FileContext, keyName, rangeOf } from './resource.js';
import type { SourceMap } from './source.js';
import type { Rendered } from './templates/render.js';
import { IGNORED_DOCUMENTS, parseYamlText } from './yaml-text.js';

export interface ReadDocument {
  doc: Document;
  /** Reports against the file, positions mapped back through the template. */
  ctx: FileContext;
  env: EnvDependence;
}

/** The document, or undefined when goss would not decode it (the reasons reported). */
export function readDocument(
  file: string,
  rendered: Rendered,
  opts: { format?: SpecFormat | undefined; envUnknown?: boolean | undefined },
  diagnostics: Diagnostic[],
): ReadDocument | undefined {
  const json = (opts.format ?? formatOf(file)) === 'json';
  const { doc, ignoredFrom } = parseYamlText(rendered.text, { uniqueKeys: !json });
  const map: SourceMap = rendered.map;
  if (ignoredFrom !== undefined)
    diagnostics.push(
      diagnostic(SPEC.ignored, file, map.range(ignoredFrom, ignoredFrom + 3), IGNORED_DOCUMENTS, 'warning'),
    );
  const env = opts.envUnknown ? envDependence(doc, rendered.envRanges) : NO_ENV;
  // With a placeholder env any YAML error may be its artefact: all wait; a duplicate key leaves a usable document.
  if (!env.any)
    for (const e of doc.errors)
      diagnostics.push(
        diagnostic(SPEC.yaml, file, map.range(e.pos[0], e.pos[1]), e.message.split('\n')[0] ?? e.message),
      );
  if (doc.errors.some((e) => !env.any || e.code !== 'DUPLICATE_KEY')) return undefined;
  // An alias of an anchor that is not there is goss's load error too (yaml.v3: unknown anchor).
  let unresolved = false;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return;
      unresolved = true;
      if (env.node(node)) return;
      const at = node.range ? map.range(node.range[0], node.range[1]) : pointRange();
      diagnostics.push(diagnostic(SPEC.yaml, file, at, `unknown anchor '${node.source}' referenced`));
    },
  });
  if (unresolved) return undefined;
  const ctx: FileContext = {
    file,
    doc,
    map,
    report: (code, at, message, severity = 'error') =>
      diagnostics.push(diagnostic(code, file, at, message, severity)),
  };
  if (json)
    for (const { dropped, kept } of keepLastKeys(doc)) {
      if (env.entry(dropped) || env.entry(kept)) continue;
      const at = rangeOf(ctx, dropped.key as Node).start;
      const msg = `'${keyName(kept.key, doc)}' given again: goss's JSON decoder keeps this value (the one at line ${at.line}, column ${at.column} is dropped)`;
      ctx.report(SPEC.duplicate, rangeOf(ctx, kept.key as Node), msg, 'warning');
    }
  // encoding/json knows no merge keys (a JSON key is quoted, never one).
  else
    expandMergeKeys(doc, (at, message) => {
      if (!env.node(at)) ctx.report(SPEC.wrongType, rangeOf(ctx, at), `${message} (goss refuses to load it)`);
    });
  return { doc, ctx, env };
}
