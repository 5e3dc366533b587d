import {
  type Arg,
  DockerfileParser,
  type Flag,
  type From,
  type Instruction,
  type Property,
} from 'dockerfile-ast';
import { type Diagnostic, diagnostic, type Range } from '../core/diagnostics.js';
import { depsSummary } from './deps.js';
import { expand } from './expand.js';
import { stageFacts } from './facts.js';
import { stageInputs } from './inputs.js';
import type { DockerfileModel, GlobalArg, InstructionInfo, Stage, StageRef } from './model.js';
import { platformArgs } from './platform.js';

export interface ParseOptions {
  /** `--build-arg` values; they override global ARG defaults for ARGs that are declared. */
  buildArgs?: Readonly<Record<string, string>>;
  /** Target platform for the automatic platform ARGs (default: the host's). */
  platform?: string;
}

export interface ParseResult {
  model: DockerfileModel;
  diagnostics: Diagnostic[];
}

const KNOWN = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };
const toRange = (r: LspRange): Range => ({
  start: { line: r.start.line + 1, column: r.start.character + 1 },
  end: { line: r.end.line + 1, column: r.end.character + 1 },
});

/** Total: never throws for any text; problems come back as diagnostics next to a best-effort model. */
export function parseDockerfile(text: string, file: string, opts: ParseOptions = {}): ParseResult {
  const ds: Diagnostic[] = [];
  const df = DockerfileParser.parse(text);
  const esc = df.getEscapeCharacter();
  const syntax =
    df
      .getDirectives()
      .find((d) => d.getName().toLowerCase() === 'syntax')
      ?.getValue() ?? null;
  const model: DockerfileModel = {
    file,
    escape: esc,
    syntax,
    dockerignore: null,
    globalArgs: [],
    stages: [],
  };
  const err = (r: LspRange, code: string, msg: string, sev: 'error' | 'warning' = 'error') =>
    ds.push(diagnostic(code, file, toRange(r), msg, sev));

  const instructions = df.getInstructions();
  if (instructions.length === 0) {
    ds.push(
      diagnostic(
        'DF001',
        file,
        { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        text.trim() === ''
          ? 'the Dockerfile is empty: expected at least one FROM instruction'
          : 'no instructions found: expected a FROM instruction',
      ),
    );
    return { model, diagnostics: ds };
  }

  // Global scope: ARGs before the first FROM, overridable by build args, plus BuildKit's platform ARGs.
  const globals = new Map<string, string | null>(platformArgs(opts.platform));
  const buildArgs = opts.buildArgs ?? {};
  let current: Stage | null = null;
  let stageVars = new Map<string, string | null>();

  for (const ins of instructions) {
    const kw = ins.getKeyword();
    const range = ins.getRange() as LspRange;
    if (!KNOWN.has(kw)) {
      err(
        ins.getInstructionRange() as LspRange,
        'DF004',
        `unknown instruction '${ins.getInstruction()}': expected one of ${[...KNOWN].join(', ')}`,
      );
      continue;
    }
    if (kw === 'FROM') {
      current = openStage(ins as From, model.stages.length);
      stageVars = new Map(globals);
      continue;
    }
    if (!current) {
      if (kw === 'ARG') {
        for (const p of argProperties(ins as Arg)) {
          const value = Object.hasOwn(buildArgs, p.name)
            ? (buildArgs[p.name] as string)
            : p.value === null
              ? null
              : expand(p.value, globals, esc);
          globals.set(p.name, value);
          model.globalArgs.push({ name: p.name, value, line: range.start.line + 1 } satisfies GlobalArg);
        }
      } else {
        err(
          ins.getInstructionRange() as LspRange,
          'DF003',
          `${kw} before the first FROM: only ARG may come before FROM`,
        );
      }
      continue;
    }
    const insFlags = flags(ins);
    current.instructions.push(info(ins, insFlags));
    current.endLine = range.end.line + 1;
    current.range.end = toRange(range).end;
    if (kw === 'ARG') {
      // Stage ARGs: a bare `ARG NAME` re-imports the global value; build args override.
      for (const p of argProperties(ins as Arg)) {
        const v = Object.hasOwn(buildArgs, p.name)
          ? (buildArgs[p.name] as string)
          : p.value !== null
            ? expand(p.value, stageVars, esc)
            : (globals.get(p.name) ?? null);
        stageVars.set(p.name, v);
      }
    } else if (kw === 'COPY' || kw === 'ADD') {
      const from = insFlags.find((f) => f.getName() === 'from');
      if (from?.getValue())
        addRef(current, 'copy', from.getValue() as string, from.getValueRange() as LspRange);
    } else if (kw === 'RUN') {
      for (const f of insFlags.filter((f) => f.getName() === 'mount')) {
        const opt = f.getOption('from');
        if (opt?.getValue())
          addRef(current, 'mount', opt.getValue() as string, opt.getValueRange() as LspRange);
      }
    }
  }

  // Unterminated continuation: the last instruction's text ends with the escape character.
  const lastIns = instructions[instructions.length - 1] as Instruction;
  const trailing = text.replace(/\s+$/, '');
  if (trailing.endsWith(esc) && !trailing.endsWith(esc + esc)) {
    err(
      lastIns.getRange() as LspRange,
      'DF006',
      `unterminated line continuation: the file ends with '${esc}'`,
    );
  }
  checkHeredocs(text, file, ds);

  if (model.stages.length === 0 && !ds.some((d) => d.code === 'DF004' || d.code === 'DF003')) {
    ds.push(
      diagnostic(
        'DF002',
        file,
        toRange(lastIns.getRange() as LspRange),
        'no FROM instruction: a Dockerfile needs at least one stage',
      ),
    );
  }
  resolveRefs(model, (r, code, msg, sev = 'error') => ds.push(diagnostic(code, file, r, msg, sev)));
  for (const stage of model.stages) {
    stage.inputs = stageInputs(stage.instructions);
    stage.deps = depsSummary(stage.instructions, stage.refs);
    stage.facts = stageFacts(stage.instructions);
  }
  return { model, diagnostics: ds };

  function openStage(from: From, index: number): Stage {
    const range = from.getRange() as LspRange;
    const args = from.getArguments();
    const imageArg = args[0];
    let name: string | null = null;
    if (args.length >= 3 && args[1]?.getValue().toLowerCase() === 'as') {
      const raw = args[2]?.getValue() ?? '';
      name = raw.toLowerCase();
      if (!STAGE_NAME.test(name))
        err(
          args[2]?.getRange() as LspRange,
          'DF007',
          `invalid stage name '${raw}': expected a letter followed by letters, digits, '-', '_' or '.'`,
        );
      else if (model.stages.some((s) => s.name === name))
        err(
          args[2]?.getRange() as LspRange,
          'DF005',
          `duplicate stage name '${raw}': stage names must be unique (case-insensitive)`,
        );
    } else if (args.length !== 1) {
      err(range, 'DF008', 'FROM expects `FROM [--platform=P] IMAGE [AS NAME]`');
    }
    const rawFrom = imageArg?.getValue() ?? '';
    const platformFlag = from.getFlags().find((f) => f.getName() === 'platform');
    const stage: Stage = {
      index,
      name,
      key: name ?? String(index),
      line: range.start.line + 1,
      endLine: range.end.line + 1,
      range: toRange(range),
      from: expand(rawFrom, globals, esc),
      fromRange: toRange((imageArg?.getRange() ?? range) as LspRange),
      platform: platformFlag?.getValue() ? expand(platformFlag.getValue() as string, globals, esc) : null,
      parent: null,
      baseImage: null,
      dependsOn: [],
      images: [],
      refs: [],
      instructions: [info(from)],
      inputs: [],
      deps: { packages: [], tools: [], artefacts: [] },
      facts: stageFacts([]),
    };
    if (!imageArg) err(range, 'DF008', 'FROM needs an image or stage name');
    else addRef(stage, 'from', stage.from, imageArg.getRange() as LspRange);
    model.stages.push(stage);
    return stage;
  }
}

function addRef(stage: Stage, via: StageRef['via'], ref: string, range: LspRange): void {
  stage.refs.push({ via, ref, stage: null, image: null, line: range.start.line + 1, range: toRange(range) });
}

/**
 * Resolves references exactly as BuildKit's Dockerfile frontend (dockerfile2llb) does:
 * - FROM: the expanded name, as written, matches a stage registered *earlier* (names are stored lower-cased);
 *   anything else, a later stage's name included, is an external image.
 * - COPY --from: a number is a stage index; else a stage name (case-insensitive); else an image. A stage
 *   defined later cannot be copied from ("needs to be defined before current stage"); itself is a cycle.
 * - RUN --mount from=: a stage name (case-insensitive) or an image; no index.
 */
function resolveRefs(
  model: DockerfileModel,
  err: (r: Range, c: string, m: string, s?: 'error' | 'warning') => void,
): void {
  const byName = new Map<string, Stage>();
  for (const stage of model.stages) {
    const from = stage.refs.find((r) => r.via === 'from');
    if (from) {
      const earlier = byName.get(from.ref);
      if (earlier) from.stage = earlier.key;
      else {
        from.image = from.ref;
        const later = model.stages.find((s) => s.index >= stage.index && s.name === from.ref.toLowerCase());
        const sameButCase = byName.get(from.ref.toLowerCase());
        if (later)
          err(
            from.range,
            'DF010',
            `FROM '${from.ref}' names ${later.index === stage.index ? 'this stage itself' : `a stage defined later (line ${later.line})`}; Docker treats it as an image`,
            'warning',
          );
        else if (sameButCase)
          err(
            from.range,
            'DF013',
            `FROM '${from.ref}' differs from stage '${sameButCase.name}' only in case: Docker matches FROM names exactly and would look for an image`,
          );
      }
    }
    if (stage.name) byName.set(stage.name, stage);
  }
  const all = new Map(model.stages.filter((s) => s.name).map((s) => [s.name as string, s]));
  for (const stage of model.stages) {
    for (const ref of stage.refs) {
      if (ref.via === 'from') continue;
      if (ref.ref.includes('$')) {
        err(
          ref.range,
          'DF014',
          `--from='${ref.ref}': variable expansion is not supported here; define a stage with FROM using a global ARG instead`,
        );
        continue;
      }
      let target: Stage | undefined;
      if (ref.via === 'copy' && /^\d+$/.test(ref.ref)) {
        target = model.stages[Number(ref.ref)];
        if (!target) {
          err(
            ref.range,
            'DF012',
            `--from=${ref.ref}: invalid stage index (the Dockerfile has ${model.stages.length} stages)`,
          );
          continue;
        }
      } else target = all.get(ref.ref.toLowerCase());
      if (!target) {
        ref.image = ref.ref;
        continue;
      }
      if (target.index === stage.index)
        err(ref.range, 'DF011', `--from=${ref.ref} refers to the stage itself (circular dependency)`);
      else if (target.index > stage.index)
        err(
          ref.range,
          'DF012',
          `--from=${ref.ref}: stage '${target.key}' is defined later (line ${target.line}); it must be defined before the stage that uses it`,
        );
      else ref.stage = target.key;
    }
  }
  for (const stage of model.stages) {
    const from = stage.refs.find((r) => r.via === 'from');
    stage.parent = from?.stage ?? null;
    stage.baseImage = from?.image ?? null;
    for (const r of stage.refs) {
      if (r.stage !== null && !stage.dependsOn.includes(r.stage)) stage.dependsOn.push(r.stage);
      if (r.image !== null && r.image !== 'scratch' && !stage.images.includes(r.image))
        stage.images.push(r.image);
    }
  }
}

function checkHeredocs(text: string, file: string, ds: Diagnostic[]): void {
  // A heredoc opened on an instruction line (`<<EOF`, `<<-"EOF"`) must be closed by its delimiter line.
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (!/^\s*(RUN|COPY|ADD)\b/i.test(l)) continue;
    for (const m of l.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
      const strip = m[1] === '-';
      const delim = m[3] as string;
      let j = i + 1;
      while (j < lines.length && (strip ? (lines[j] as string).replace(/^\t+/, '') : lines[j]) !== delim) j++;
      if (j >= lines.length) {
        ds.push(
          diagnostic(
            'DF006',
            file,
            {
              start: { line: i + 1, column: (m.index ?? 0) + 1 },
              end: { line: i + 1, column: (m.index ?? 0) + m[0].length + 1 },
            },
            `unterminated heredoc: no line '${delim}' closes '${m[0]}'`,
          ),
        );
      } else i = j;
    }
  }
}

const flags = (ins: Instruction): Flag[] =>
  'getFlags' in ins ? (ins as unknown as { getFlags(): Flag[] }).getFlags() : [];

function argProperties(arg: Arg): { name: string; value: string | null }[] {
  return arg.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }));
}

/** dockerfile-ast computes flags and arguments on every call: read each once. */
function info(ins: Instruction, insFlags: Flag[] = flags(ins)): InstructionInfo {
  const r = ins.getRange() as LspRange;
  const allFlags: [string, string | null][] = insFlags.map((f) => [f.getName(), f.getValue()]);
  const argv = ins.getArguments().map((a) => a.getValue());
  const json = argv[0]?.startsWith('[') ? jsonArgv(ins) : null;
  const props =
    'getProperties' in ins ? (ins as unknown as { getProperties(): Property[] }).getProperties() : [];
  const keyword = ins.getKeyword();
  return {
    keyword,
    line: r.start.line + 1,
    endLine: r.end.line + 1,
    args: argv.join(' '),
    argv: json ?? argv,
    json: json !== null,
    flags: Object.fromEntries(allFlags),
    allFlags,
    properties: props.map((p) => [p.getName(), p.getValue()]),
    trigger: keyword === 'ONBUILD' ? (argv[0]?.toUpperCase() ?? null) : null,
  };
}

/** Exec form: the JSON array after the flags, parsed as Docker does (a JSON array of strings), else null. */
function jsonArgv(ins: Instruction): string[] | null {
  const raw = (ins.getRawArgumentsContent() ?? '').replace(/^(\s*--[A-Za-z-]+(=\S*)?)+\s*/, '').trim();
  if (!raw.startsWith('[')) return null;
  try {
    const v = JSON.parse(raw.replace(/\\\r?\n/g, ' ')) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}
