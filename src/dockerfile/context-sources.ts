/**
 * What a stage reads from the build context, from its instructions as BuildKit reads them:
 * - COPY/ADD sources without `--from` (the last word is the destination; heredoc words are inline content;
 *   ADD's URLs and git references are not the context), with `--parents` and `--exclude`;
 * - `RUN --mount` of type bind (the default type) without `from=`: `source=`/`src=`, or the whole context;
 * - the same inside ONBUILD triggers, marked `onbuild`: they run in the stages built FROM this one.
 */
import {
  instructionsByStage,
  type LogicalDockerfile,
  type LogicalInstruction,
  readInstructions,
  splitFlags,
} from './instruction-text.js';
import type { DockerfileModel } from './stage.js';

export interface ContextSource {
  via: 'COPY' | 'ADD' | 'RUN --mount';
  /** As written (quotes removed). */
  source: string;
  /** COPY/ADD (wildcards) or a bind mount (a plain path). */
  kind: 'copy' | 'mount';
  line: number;
  parents: boolean;
  exclude: string[];
  /** Inside an ONBUILD trigger: read by the stages built FROM this one, not by this one. */
  onbuild?: boolean;
}

export function contextSources(instructions: readonly LogicalInstruction[], esc = '\\'): ContextSource[] {
  const out: ContextSource[] = [];
  for (const ins of instructions) collect(ins.keyword, ins.flags, ins.args, ins.line, esc, out, 0);
  return out;
}

function collect(
  keyword: string,
  flags: string[],
  args: string,
  line: number,
  esc: string,
  out: ContextSource[],
  depth: number,
): void {
  const flag = (name: string) => flags.filter((f) => f === `--${name}` || f.startsWith(`--${name}=`));
  const value = (f: string) => (f.includes('=') ? f.slice(f.indexOf('=') + 1) : 'true');
  if (keyword === 'ONBUILD' && depth === 0) {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(args);
    if (!m) return;
    const inner = splitFlags(m[2] as string, esc);
    const triggered: ContextSource[] = [];
    collect((m[1] as string).toUpperCase(), inner.flags, inner.args, line, esc, triggered, 1);
    out.push(...triggered.map((t) => ({ ...t, onbuild: true })));
  } else if (keyword === 'COPY' || keyword === 'ADD') {
    if (flag('from').some((f) => value(f) !== '')) return;
    const parents = flag('parents').some((f) => value(f).toLowerCase() !== 'false');
    const exclude = flag('exclude').map(value);
    const words = argWords(args, esc);
    for (const w of words.slice(0, -1)) {
      if (/^\d*<<-?/.test(w)) continue; // inline content
      if (keyword === 'ADD' && (/^https?:\/\//i.test(w) || isGit(w))) continue;
      out.push({ via: keyword, source: w, kind: 'copy', line, parents, exclude });
    }
  } else if (keyword === 'RUN') {
    for (const f of flag('mount')) {
      const o = mountOptions(value(f));
      if ((o.type ?? 'bind').toLowerCase() !== 'bind' || (o.from !== undefined && o.from !== '')) continue;
      const source = o.source ?? o.src ?? '/';
      out.push({ via: 'RUN --mount', source, kind: 'mount', line, parents: false, exclude: [] });
    }
  }
}

/** COPY/ADD arguments: a JSON array of strings, else words split on blanks with quotes removed. */
function argWords(args: string, esc: string): string[] {
  if (args.startsWith('[')) {
    try {
      const v = JSON.parse(args) as unknown;
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    } catch {
      /* not JSON: shell words */
    }
  }
  return args
    .split(/[\t\v\f\r ]+/)
    .filter((w) => w !== '')
    .map((w) => unquote(w, esc));
}

function unquote(word: string, esc: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string;
    if (quote) {
      if (c === quote) quote = '';
      else if (quote === '"' && c === esc && i + 1 < word.length) out += word[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === esc && i + 1 < word.length) out += word[++i];
    else out += c;
  }
  return out;
}

/** A `--mount` value: CSV fields (`"` quotes a field), `key=value`, keys case-insensitive. */
function mountOptions(value: string): Record<string, string> {
  const o: Record<string, string> = {};
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '"') {
      if (quoted && value[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    if (key) o[key] = eq < 0 ? '' : field.slice(eq + 1);
  }
  return o;
}

const isGit = (s: string) => /^git@|^git:\/\/|\.git(#.*)?$|^https?:\/\/[^#]*\.git(#|$)/i.test(s);

/**
 * Each stage's context sources, keyed as the model keys stages. Read from the Dockerfile text (BuildKit's
 * reading: heredocs, flags, JSON arrays); the model's own inputs when the text does not line up with it.
 * ONBUILD sources move to the stages built FROM the declaring stage, where BuildKit runs them.
 */
export function stageContextSources(
  model: DockerfileModel,
  text: string | LogicalDockerfile,
): Map<string, ContextSource[]> {
  const doc = typeof text === 'string' ? readInstructions(text) : text;
  const { stages } = instructionsByStage(doc);
  const aligned =
    stages.length === model.stages.length && stages.every((s, i) => s[0]?.line === model.stages[i]?.line);
  const all = new Map<string, ContextSource[]>();
  model.stages.forEach((stage, i) => {
    all.set(
      stage.key,
      aligned
        ? contextSources(stages[i] as LogicalInstruction[], doc.escape)
        : stage.inputs
            .filter((x) => x.kind === 'context')
            .map((x) => ({
              via: x.via,
              source: x.source,
              kind: x.via === 'RUN --mount' ? ('mount' as const) : ('copy' as const),
              line: x.line,
              parents: false,
              exclude: [],
            })),
    );
  });
  const out = new Map<string, ContextSource[]>();
  for (const stage of model.stages) {
    const own = (all.get(stage.key) ?? []).filter((x) => !x.onbuild);
    const inherited = stage.parent ? (all.get(stage.parent) ?? []).filter((x) => x.onbuild) : [];
    out.set(stage.key, [...own, ...inherited]);
  }
  return out;
}
