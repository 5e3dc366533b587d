/**
 * goss templates (template.go): every gossfile is rendered with Go's text/template BEFORE it is parsed as
 * YAML, with `.Env` (the environment) and `.Vars` (from `--vars` / `--vars-inline`) and `missingkey=error`.
 *
 * Supported: `{{ .Env.NAME }}`, `{{ .Vars.a.b }}` (nested maps), `$` variables, pipelines with `|`,
 * parentheses, `{{- trim -}}` markers, comments, `if` / `else if` / `else`, `with`, `range` (lists and maps,
 * with `$i, $v :=`) ... `end`; the functions in templates/funcs.ts: Go's builtins (and, or, not, len, index,
 * slice, eq, ne, lt, le, gt, ge, print, printf, println), goss's (mkSlice, getEnv, regexMatch, toUpper,
 * toLower, findStringSubmatch) and pure Sprig ones (upper, lower, trim, replace, default, splitList, join,
 * dict, get, toJson, add, ...).
 * Not supported, reported as SPEC004: `define` / `template` / `block` / `break` / `continue`, `readFile`
 * (reads the test machine's files), and time-, random- or network-dependent Sprig functions.
 * Numbers print as Go prints YAML values (an integral number as an int); a JSON vars file's 1000000 would
 * print as 1e+06 in goss (float64) but prints 1000000 here.
 */
import { SPEC, type SpecCode } from '../codes.js';
import { SourceMap } from '../source.js';
import { Executor } from './exec.js';
import { TemplateExecError, UNSUPPORTED_FUNCTIONS } from './funcs.js';
import { TemplateSyntaxError } from './lex.js';
import { parseTemplate } from './parse.js';

export { FUNCTIONS as TEMPLATE_FUNCTIONS, UNSUPPORTED_FUNCTIONS } from './funcs.js';

export interface TemplateData {
  env: Record<string, string | undefined>;
  vars: Record<string, unknown>;
  /**
   * The environment is not known yet (a spec checked before its image is built): `.Env.X` is '' for any X,
   * and an error in executing the template that depends on `.Env` is not reported (`deferred`) — the spec is
   * rendered again with the target's. Errors that do not depend on it are reported as usual.
   */
  envUnknown?: boolean;
}

export interface TemplateProblem {
  code: SpecCode;
  message: string;
  /** Offsets in the template source. */
  start: number;
  end: number;
}

export interface Rendered {
  text: string;
  /** Positions in `text` back to the source. */
  map: SourceMap;
  /** At most one: rendering stops at the first error, as goss does. */
  problems: TemplateProblem[];
  /** Spans of `text` (possibly empty) that depend on `.Env` (exec.ts). */
  envRanges: [number, number][];
  /** With `envUnknown`: rendering stopped at an error that depends on `.Env`, left for the real render. */
  deferred: boolean;
}

export function renderTemplate(source: string, data: TemplateData): Rendered {
  const none = { envRanges: [], deferred: false };
  if (!source.includes('{{')) return { text: source, map: new SourceMap(source), problems: [], ...none };
  const known: Record<string, string> = {};
  for (const [k, v] of Object.entries(data.env)) if (v !== undefined) known[k] = v;
  const env = data.envUnknown ? anyKey(known) : known;
  try {
    const exec = new Executor(source, { Env: env, Vars: data.vars }, { env });
    exec.run(parseTemplate(source));
    const map = new SourceMap(source, exec.out.segments);
    return { text: exec.out.text, map, problems: [], envRanges: exec.out.envRanges, deferred: false };
  } catch (e) {
    if (!(e instanceof TemplateSyntaxError || e instanceof TemplateExecError)) throw e;
    if (data.envUnknown && e instanceof TemplateExecError && e.envDependent)
      return { text: '', map: new SourceMap(source), problems: [], envRanges: [], deferred: true };
    const start = e.start ?? 0;
    const end = e.end ?? start;
    let code: SpecCode =
      e instanceof TemplateSyntaxError && e.unsupported ? SPEC.templateUnsupported : SPEC.template;
    let message = `template: ${e.message}`;
    const fn = /^function "(\w+)" not defined/.exec(e.message)?.[1];
    if (fn && UNSUPPORTED_FUNCTIONS[fn]) {
      code = SPEC.templateUnsupported;
      message = `template: function '${fn}' is not supported: it ${UNSUPPORTED_FUNCTIONS[fn]}`;
    }
    return { text: '', map: new SourceMap(source), problems: [{ code, message, start, end }], ...none };
  }
}

/** A map that has every key ('' unless known). */
function anyKey(known: Record<string, string>): Record<string, string> {
  return new Proxy(known, {
    get: (t, k) => (typeof k === 'string' ? (t[k] ?? '') : undefined),
    has: () => true,
    getOwnPropertyDescriptor: (t, k) =>
      typeof k === 'string'
        ? { value: t[k] ?? '', writable: true, enumerable: true, configurable: true }
        : undefined,
  });
}
