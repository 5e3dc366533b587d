/**
 * Loads a goss spec: read → render templates → parse YAML with positions → validate every resource →
 * follow `gossfile:` includes → merge. Total: user input never throws; every problem is a Diagnostic
 * located at the exact YAML node (mapped back through the template to the file as written).
 *
 * | code    | severity | problem                                                                             |
 * | ------- | -------- | ----------------------------------------------------------------------------------- |
 * | SPEC001 | error    | the spec (or vars) file cannot be read                                              |
 * | SPEC002 | error    | YAML syntax error, including a key defined twice in one mapping                     |
 * | SPEC003 | error    | template error: syntax, a missing `.Env` / `.Vars` key, an unknown function...     |
 * | SPEC004 | error    | unsupported template construct or function (`define`, `block`, `readFile`, `now`...) |
 * | SPEC005 | error    | unknown resource type (with a did-you-mean)                                         |
 * | SPEC006 | error    | unknown attribute for the resource type (with a did-you-mean)                       |
 * | SPEC007 | error    | wrong value type: top level or resource not a mapping, option of the wrong type,    |
 * |         |          | a literal that can never match (`exists: 1`), an unquoted octal (`mode: 0755`,     |
 * |         |          | which goss's YAML reads as 493), a line pattern that is not a string               |
 * | SPEC008 | warning  | missing required attribute (`exists`, `installed`, `exit-status`, `status`...)      |
 * | SPEC009 | error    | unknown matcher name (with a did-you-mean)                                          |
 * | SPEC010 | error    | invalid matcher argument: wrong type, several matchers at one level, empty matcher  |
 * | SPEC011 | error    | invalid regular expression in `match-regexp` or a `/re/` line pattern               |
 * | SPEC012 | error    | invalid `semver-constraint` range                                                   |
 * | SPEC013 | error    | `gjson` path outside the supported subset (see matchers/gjson.ts)                   |
 * | SPEC014 | error    | a `gossfile:` include matches no file                                               |
 * | SPEC015 | error    | include cycle                                                                       |
 * | SPEC016 | warning  | a resource declared again in a later file replaces the earlier one (goss warns too) |
 * | SPEC017 | warning  | deprecated: `file.contains`, `dns.resolveable`, an integer written as a string      |
 *
 * goss meets SPEC007 and SPEC009-012 only when it evaluates the property (it runs the spec and fails that
 * property); slipway refuses such a spec up front, with the place and what was expected. A missing required
 * attribute is a warning: goss reports the property as failed ("Missing Required Attribute", a failed gate
 * skipping the rest), and so does slipway.
 *
 * Merging follows goss (store.go `mergeJSONData`): a file's own resources first, then its includes in
 * sorted key order, depth first; a later declaration of the same type and key wins. Include paths are
 * relative to the including file; globs expand as Go's filepath.Glob; `skip: true` leaves an include out.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { isMap, isScalar, type Node, type Pair, parseDocument } from 'yaml';
import { type Diagnostic, diagnostic, pointRange, type Range } from '../core/diagnostics.js';
import { SPEC, suggestion } from './codes.js';
import { glob, globError } from './glob.js';
import { type DeclaredResource, RESOURCE_TYPES, type ResourceType, type Spec } from './model.js';
import { type FileContext, keyName, parseResource, rangeOf, resolve } from './resource.js';
import type { SourceMap } from './source.js';
import { renderTemplate } from './templates.js';

export interface LoadOptions {
  env: Record<string, string | undefined>;
  vars: Record<string, unknown>;
}

export interface LoadedSpec {
  spec: Spec;
  diagnostics: Diagnostic[];
}

interface Include {
  key: string;
  pattern: string;
  range: Range;
}

export function loadSpec(path: string, opts: LoadOptions): LoadedSpec {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const merged = new Map<string, DeclaredResource>();

  const visit = (file: string, chain: string[], from?: { file: string; range: Range }): void => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      if (from)
        diagnostics.push(
          diagnostic(SPEC.unreadable, from.file, from.range, `cannot read included gossfile ${file}: ${why}`),
        );
      else diagnostics.push(diagnostic(SPEC.unreadable, file, pointRange(), `cannot read gossfile: ${why}`));
      return;
    }
    files.push(file);
    const parsed = parseFile(file, text, opts, diagnostics);
    for (const r of parsed.resources) {
      const key = `${r.type}\u0000${r.id}`;
      const prev = merged.get(key);
      if (prev) {
        const at = `${prev.file}:${prev.range.start.line}:${prev.range.start.column}`;
        const msg = `${r.type} '${r.id}' replaces the declaration at ${at} (the later file wins)`;
        diagnostics.push(diagnostic(SPEC.duplicate, r.file, r.range, msg, 'warning'));
      }
      merged.set(key, r);
    }
    const here = [...chain, resolvePath(file)];
    for (const inc of parsed.includes) {
      const pattern = isAbsolute(inc.pattern) ? inc.pattern : join(dirname(file), inc.pattern);
      const matches = glob(pattern);
      if (!matches.length) {
        const bad = globError(pattern);
        diagnostics.push(
          diagnostic(
            SPEC.missingInclude,
            file,
            inc.range,
            `gossfile '${inc.pattern}': ${bad ?? `no file matches ${pattern}`}`,
          ),
        );
        continue;
      }
      for (const m of matches) {
        const loop = here.indexOf(resolvePath(m));
        if (loop >= 0) {
          const cycle = [...here.slice(loop), resolvePath(m)].join(' -> ');
          diagnostics.push(
            diagnostic(
              SPEC.includeCycle,
              file,
              inc.range,
              `gossfile '${inc.pattern}': include cycle: ${cycle}`,
            ),
          );
          continue;
        }
        visit(m, here, { file, range: inc.range });
      }
    }
  };

  visit(path, []);
  return { spec: { files, resources: [...merged.values()] }, diagnostics };
}

/** One gossfile's own resources and includes (includes sorted by key, as goss does). */
export function parseFile(
  file: string,
  text: string,
  opts: LoadOptions,
  diagnostics: Diagnostic[],
): { resources: DeclaredResource[]; includes: Include[] } {
  const out = { resources: [] as DeclaredResource[], includes: [] as Include[] };
  const rendered = renderTemplate(text, opts);
  for (const p of rendered.problems)
    diagnostics.push(diagnostic(p.code, file, rendered.map.sourceRange(p.start, p.end), p.message));
  if (rendered.problems.length) return out;
  const doc = parseDocument(rendered.text, { prettyErrors: false, merge: true });
  const map: SourceMap = rendered.map;
  for (const e of doc.errors)
    diagnostics.push(
      diagnostic(SPEC.yaml, file, map.range(e.pos[0], e.pos[1]), e.message.split('\n')[0] ?? e.message),
    );
  if (doc.errors.length) return out;
  const ctx: FileContext = {
    file,
    doc,
    map,
    report: (code, at, message, severity = 'error') =>
      diagnostics.push(diagnostic(code, file, at, message, severity)),
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return out;
  if (!isMap(root)) {
    ctx.report(
      SPEC.wrongType,
      rangeOf(ctx, root),
      'a gossfile must be a mapping of resource types (file, package, command...)',
    );
    return out;
  }
  for (const typePair of root.items) {
    const keyNode = typePair.key;
    const type = keyName(keyNode);
    if (!(RESOURCE_TYPES as readonly string[]).includes(type)) {
      const msg = `unknown resource type '${type}'${suggestion(type, RESOURCE_TYPES)}; expected one of: ${RESOURCE_TYPES.join(', ')}`;
      ctx.report(SPEC.unknownType, rangeOf(ctx, keyNode as Node), msg);
      continue;
    }
    const entries = resolve(doc, typePair.value);
    if (entries === null || (isScalar(entries) && entries.value === null)) continue;
    if (!isMap(entries)) {
      ctx.report(
        SPEC.wrongType,
        rangeOf(ctx, entries),
        `${type}: expected a mapping of ${type} keys to attributes`,
      );
      continue;
    }
    for (const pair of entries.items as Pair[]) {
      const r = parseResource(type as ResourceType, pair, ctx);
      if (!r) continue;
      if (r.type !== 'gossfile') out.resources.push(r);
      else if (!r.skip)
        out.includes.push({
          key: r.id,
          pattern: String(r.options.file),
          range: rangeOf(ctx, pair.key as Node),
        });
    }
  }
  out.includes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}
