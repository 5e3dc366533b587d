/**
 * Template variables (goss store.go `loadVars`): `--vars FILE` and `--vars-inline STRING`, each a JSON or
 * YAML mapping (JSON is tried first), merged key by key at the top level with the inline value winning.
 */
import { readFileSync } from 'node:fs';
import { isMap } from 'yaml';
import { type Diagnostic, diagnostic, pointRange } from '../core/diagnostics.js';
import { SPEC } from './codes.js';
import { SourceMap } from './source.js';
import { IGNORED_DOCUMENTS, parseYamlText } from './yaml-text.js';

export const INLINE_VARS = '<vars-inline>';

export interface LoadedVars {
  vars: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

export function loadVars(opts: { file?: string; inline?: string }): LoadedVars {
  const diagnostics: Diagnostic[] = [];
  const vars: Record<string, unknown> = {};
  if (opts.file) {
    let text: string | undefined;
    try {
      text = readFileSync(opts.file, 'utf8');
    } catch (e) {
      const msg = `cannot read vars file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      diagnostics.push(diagnostic(SPEC.unreadable, opts.file, pointRange(), msg));
    }
    if (text !== undefined) Object.assign(vars, parseVars(text, opts.file, diagnostics));
  }
  if (opts.inline) Object.assign(vars, parseVars(opts.inline, INLINE_VARS, diagnostics));
  return { vars, diagnostics };
}

/** A JSON or YAML mapping; problems become diagnostics against `file`. */
export function parseVars(text: string, file: string, diagnostics: Diagnostic[]): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* not JSON: YAML */
  }
  const map = new SourceMap(text);
  // As goss reads a vars file (yaml.v3): a plain `0755` is 493, the first document only.
  const { doc, ignoredFrom } = parseYamlText(text);
  if (ignoredFrom !== undefined)
    diagnostics.push(
      diagnostic(SPEC.ignored, file, map.range(ignoredFrom, ignoredFrom + 3), IGNORED_DOCUMENTS, 'warning'),
    );
  const first = doc.errors[0];
  if (first) {
    const msg = `invalid vars: ${first.message.split('\n')[0]}`;
    diagnostics.push(diagnostic(SPEC.yaml, file, map.range(first.pos[0], first.pos[1]), msg));
    return {};
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) {
    const r = doc.contents.range;
    const msg = 'vars must be a mapping of names to values';
    diagnostics.push(diagnostic(SPEC.wrongType, file, r ? map.range(r[0], r[1]) : pointRange(), msg));
    return {};
  }
  return doc.toJS() as Record<string, unknown>;
}
