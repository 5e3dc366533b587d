/**
 * Loads a goss spec: read → render templates → parse YAML as goss decodes it (document.ts) → validate every
 * resource → follow `gossfile:` includes → merge. Total: user input never throws; every problem is a
 * Diagnostic located at the exact YAML node (mapped back through the template to the file as written).
 *
 * | code    | severity | problem                                                                             |
 * | ------- | -------- | ----------------------------------------------------------------------------------- |
 * | SPEC001 | error    | the spec (or vars) file cannot be read                                              |
 * | SPEC002 | error    | YAML syntax error, including a key defined twice in one mapping                     |
 * | SPEC003 | error    | template error: syntax, a missing `.Env` / `.Vars` key, an unknown function...     |
 * | SPEC004 | error    | unsupported template construct or function (`define`, `block`, `readFile`, `now`...) |
 * | SPEC005 | error    | unknown resource type (with a did-you-mean)                                         |
 * | SPEC006 | error    | unknown attribute for the resource type (with a did-you-mean)                       |
 * | SPEC007 | error    | a value goss refuses to load or cannot run: top level or resource not a mapping, a |
 * |         |          | setting its decoder cannot take (a map or list where a scalar belongs, a string in  |
 * |         |          | `timeout`, `skip: maybe`), a word in `exit-status`/`uid`/`gid`, an empty matcher,  |
 * |         |          | a merge key (`<<`) whose value is not a mapping or a list of them                  |
 * | SPEC008 | warning  | missing required attribute (`exists`, `installed`, `exit-status`, `status`...)      |
 * | SPEC009 | warning  | unknown matcher name (with a did-you-mean)                                          |
 * | SPEC010 | warning  | invalid matcher argument: wrong type, several matchers at one level, a line pattern |
 * |         |          | that is not a string                                                                |
 * | SPEC011 | warning  | invalid regular expression in `match-regexp` or a `/re/` line pattern               |
 * | SPEC012 | warning  | invalid `semver-constraint` range                                                   |
 * | SPEC013 | error    | `gjson` path outside the supported subset (see matchers/gjson.ts)                   |
 * | SPEC014 | error    | a `gossfile:` include matches no file                                               |
 * | SPEC015 | error    | include cycle                                                                       |
 * | SPEC016 | warning  | a resource declared again in a later file replaces the earlier one (goss warns too) |
 * |         |          | or a key given twice in a `.json` spec (goss's JSON decoder keeps the later value)  |
 * | SPEC017 | warning  | deprecated: `file.contains`, `dns.resolveable`, an integer written as a string      |
 * | SPEC018 | warning  | a value goss runs but that cannot pass as written: an unquoted octal (`mode: 0755`, |
 * |         |          | which goss's YAML reads as 493), a literal of another type (`exists: 1`)            |
 * | SPEC019 | warning  | YAML goss ignores: the documents after a second `---` (it reads the first only)     |
 *
 * An error is what goss itself refuses when it loads the spec (or where it stops with a panic, or slipway
 * cannot evaluate): nothing runs. A warning is what goss loads and runs, reporting the property failed (the
 * SPEC008-012 and SPEC018 cases): slipway declares the property so that it fails with goss's result — the
 * same error text where goss cannot build the matcher ("Syntax Error: ..."), the same comparison otherwise.
 * `slipway test --strict` (and `pipeline --strict`) turns warnings into errors.
 *
 * Merging follows goss (store.go `mergeJSONData`): a file's own resources first, then its includes in
 * sorted key order, depth first; a later declaration of the same type and key wins. Include paths are
 * relative to the including file; globs expand as Go's filepath.Glob; `skip: true` leaves an include out.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { type Diagnostic, diagnostic, pointRange, type Range } from '../core/diagnostics.js';
import { SPEC, suggestion } from './codes.js';
import type { DeclaredResource, Spec } from './declared.js';
import { readDocument } from './document.js';
import { glob, globError } from './glob.js';
import { formatOf, type SpecFormat } from './json-keys.js';
import { type FileContext, keyName, parseResource, rangeOf, resolve } from './resource.js';
import { RESOURCE_TYPES, RESOURCES, type ResourceType } from './resources/index.js';
import { renderTemplate } from './templates/render.js';

export interface LoadOptions {
  /** `.Env`: the target's environment (the container's, as goss running in it sees it). */
  env: Record<string, string | undefined>;
  vars: Record<string, unknown>;
  /** goss's decoder: by the extension of the spec given (includes are read with the same); json-keys.ts. */
  format?: SpecFormat;
  /**
   * The target is not known yet: `.Env` lookups render '' (a placeholder), and what depends on them — a
   * template error, a YAML problem, a resource written with them — is left for the load with the target's
   * environment (env-dependence.ts). Such resources are left out of the spec, a check only.
   */
  envUnknown?: boolean;
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
  const rendered: { path: string; rendered: string }[] = [];
  const merged = new Map<string, DeclaredResource>();
  // A file included more than once is read and validated once; goss merges it again each time.
  const parsedFiles = new Map<string, ReturnType<typeof parseFile>>();

  const read = (file: string, from?: { file: string; range: Range }) => {
    const abs = resolvePath(file);
    const known = parsedFiles.get(abs);
    if (known) return known;
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
      return undefined;
    }
    files.push(file);
    const parsed = parseFile(file, text, { ...opts, format: opts.format ?? formatOf(path) }, diagnostics);
    rendered.push({ path: file, rendered: parsed.rendered });
    parsedFiles.set(abs, parsed);
    return parsed;
  };

  const visit = (file: string, chain: string[], from?: { file: string; range: Range }): void => {
    const parsed = read(file, from);
    if (!parsed) return;
    for (const r of parsed.resources) {
      const key = `${r.type}\u0000${r.id}`;
      const prev = merged.get(key);
      // The same declaration merged again (its file included twice) replaces nothing.
      if (prev && prev !== r) {
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
  // An include revisited reports its problems (a cycle, a missing file) once.
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const k = JSON.stringify([d.code, d.file, d.range, d.message]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { spec: { files, rendered, resources: [...merged.values()] }, diagnostics: unique };
}

/** One gossfile's own resources and includes (includes sorted by key, as goss does). */
export function parseFile(
  file: string,
  text: string,
  opts: LoadOptions,
  diagnostics: Diagnostic[],
): { resources: DeclaredResource[]; includes: Include[]; rendered: string } {
  const rendered = renderTemplate(text, opts);
  const out = { resources: [] as DeclaredResource[], includes: [] as Include[], rendered: rendered.text };
  for (const p of rendered.problems)
    diagnostics.push(diagnostic(p.code, file, rendered.map.sourceRange(p.start, p.end), p.message));
  if (rendered.problems.length || rendered.deferred) return out;
  const read = readDocument(file, rendered, opts, diagnostics);
  if (!read) return out;
  const { doc, ctx, env } = read;
  const muted: FileContext = { ...ctx, report: () => {} };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return out;
  if (!isMap(root)) {
    if (env.node(root)) return out;
    ctx.report(
      SPEC.wrongType,
      rangeOf(ctx, root),
      'a gossfile must be a mapping of resource types (file, package, command...)',
    );
    return out;
  }
  for (const typePair of root.items) {
    const keyNode = typePair.key;
    const type = keyName(keyNode, doc);
    if (!(RESOURCE_TYPES as readonly string[]).includes(type)) {
      if (env.node(keyNode)) continue;
      const msg = `unknown resource type '${type}'${suggestion(type, RESOURCE_TYPES)}; expected one of: ${RESOURCE_TYPES.join(', ')}`;
      ctx.report(SPEC.unknownType, rangeOf(ctx, keyNode as Node), msg);
      continue;
    }
    const entries = resolve(doc, typePair.value);
    if (entries === null || (isScalar(entries) && entries.value === null)) continue;
    if (!isMap(entries)) {
      if (env.entry(typePair)) continue;
      ctx.report(
        SPEC.wrongType,
        rangeOf(ctx, entries),
        `${type}: expected a mapping of ${type} keys to attributes`,
      );
      continue;
    }
    for (const pair of entries.items as Pair[]) {
      // Written with the placeholder env: checked (and kept) only when loaded with the target's.
      const placeholder = env.entry(pair);
      const r = parseResource(type as ResourceType, pair, placeholder ? muted : ctx);
      if (!r || placeholder) continue;
      if (!RESOURCES[r.type].includes) out.resources.push(r);
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
