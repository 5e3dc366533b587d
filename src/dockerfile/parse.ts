/**
 * The stage model from a Dockerfile's text, in one pass over its instructions as BuildKit's frontend sees
 * them (a little over 300 lines on purpose: the pass keeps the ARG/ENV scopes, the stage being built and the
 * located diagnostics together; the word, line, heredoc, flag and reference rules live in their own modules).
 */
import { type Diagnostic, diagnostic, type Range } from '../core/diagnostics.js';
import { depsSummary } from './deps.js';
import { stageFacts } from './facts.js';
import { flagRefs } from './flag-refs.js';
import { parseHeredoc } from './heredoc.js';
import { stageInputs } from './inputs.js';
import { type Flag, instructionInfo, parseFlags } from './instruction.js';
import { type LogicalLine, readLines } from './lines.js';
import { type Located, Positions } from './located.js';
import { resolveRefs } from './refs.js';
import { Scopes } from './scope.js';
import type { DockerfileModel, GlobalArg, InstructionInfo, Stage, StageRef } from './stage.js';
import { instructionProblems } from './validate.js';
import {
  blankWords,
  jsonArray,
  keyValue,
  nameValuePairs,
  rawWords,
  type SplitInstruction,
  splitInstruction,
} from './words.js';

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

interface Ins {
  l: LogicalLine;
  split: SplitInstruction;
  keyword: string;
  flags: Flag[];
  range: Range;
}

/**
 * Total: never throws for any text; problems come back as diagnostics next to a best-effort model.
 * The text is read as BuildKit's Dockerfile frontend reads it (lines, heredocs, words, variable expansion):
 * a BuildKit error that fails every target is an error here, one that fails only the builds of one stage
 * is a warning (DF017).
 */
export function parseDockerfile(text: string, file: string, opts: ParseOptions = {}): ParseResult {
  const ds: Diagnostic[] = [];
  const pos = new Positions(text);
  const read = readLines(text);
  const esc = read.escape;
  const model: DockerfileModel = {
    file,
    escape: esc,
    syntax: read.directives.find((d) => d.name === 'syntax')?.value ?? null,
    dockerignore: null,
    globalArgs: [],
    stages: [],
  };
  const err = (r: Range, code: string, msg: string, sev: 'error' | 'warning' = 'error') =>
    ds.push(diagnostic(code, file, r, msg, sev));
  const lineRange = (line: number): Range => ({
    start: { line, column: 1 },
    end: pos.endOfLine(line),
  });
  for (const p of read.problems) err(lineRange(p.line), 'DF016', p.message);

  const instructions: Ins[] = read.lines.map((l) => {
    const split = splitInstruction(l.line, esc);
    return {
      l,
      split,
      keyword: split.keyword.text.toUpperCase(),
      flags: parseFlags(split.flags),
      range: { start: pos.range(split.keyword).start, end: pos.endOfLine(l.endLine) },
    };
  });
  if (instructions.length === 0) {
    err(
      { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      'DF001',
      text.trim() === ''
        ? 'the Dockerfile is empty: expected at least one FROM instruction'
        : 'no instructions found: expected a FROM instruction',
    );
    return { model, diagnostics: ds };
  }

  const buildArgs = opts.buildArgs ?? {};
  const scopes = new Scopes(buildArgs, opts.platform, esc, (at, global, message) =>
    global ? err(pos.range(at), 'DF016', message) : err(pos.range(at), 'DF017', message, 'warning'),
  );
  const unusable = new Set<StageRef>();
  let current: Stage | null = null;
  /** Each stage's ONBUILD triggers: BuildKit runs them in the stages built FROM it. */
  const triggers = new Map<Stage, { split: SplitInstruction; flags: Flag[] }[]>();

  for (const ins of instructions) {
    const { keyword: kw, split, l } = ins;
    if (!KNOWN.has(kw)) {
      err(
        pos.range(split.keyword),
        'DF004',
        `unknown instruction '${split.keyword.text}': expected one of ${[...KNOWN].join(', ')}`,
      );
      continue;
    }
    for (const p of instructionProblems(kw, ins.flags, argsOf(split))) {
      const message = p.message.startsWith(kw) ? p.message : `${kw} ${p.message}`;
      err(p.at ? pos.range(p.at) : ins.range, 'DF016', message);
    }
    if (kw === 'SHELL' && split.rest.text.trim() !== '' && jsonArray(split.rest.text) === null)
      err(
        ins.range,
        'DF016',
        'SHELL requires the arguments to be in JSON form: SHELL ["executable", "parameters"]',
      );
    if (kw === 'FROM') {
      current = openStage(ins);
      continue;
    }
    if (!current) {
      if (kw === 'ARG') globalArgs(ins);
      else
        err(pos.range(split.keyword), 'DF003', `${kw} before the first FROM: only ARG may come before FROM`);
      continue;
    }
    current.instructions.push(stageInstruction(ins, current));
    current.endLine = l.endLine;
    current.range.end = ins.range.end;
  }

  for (const l of read.lines)
    for (const h of l.heredocs.filter((d) => !d.terminated)) {
      const at = l.line.text.indexOf(h.word);
      err(
        at < 0 ? lineRange(l.startLine) : pos.range(l.line, at, at + h.word.length),
        'DF006',
        `unterminated heredoc: no line '${h.name}' closes '${h.word}'`,
      );
    }
  if (read.danglingContinuation) {
    const l = read.danglingContinuation;
    err(
      { start: pos.position(l.line.at[0] as number), end: pos.endOfLine(l.endLine) },
      'DF015',
      `the file ends with a line continuation '${esc}': BuildKit ignores it`,
      'warning',
    );
  }
  const last = instructions[instructions.length - 1] as Ins;
  if (model.stages.length === 0 && !ds.some((d) => d.code === 'DF004' || d.code === 'DF003'))
    err(last.range, 'DF002', 'no FROM instruction: a Dockerfile needs at least one stage');
  resolveRefs(model, err, unusable);
  for (const stage of model.stages) {
    stage.inputs = stageInputs(stage.instructions);
    stage.deps = depsSummary(stage.instructions, stage.refs);
    stage.facts = stageFacts(stage.instructions);
  }
  return { model, diagnostics: ds };

  function globalArgs(ins: Ins): void {
    for (const w of rawWords(ins.split.rest, esc)) {
      const { key, value } = keyValue(w);
      const v = scopes.globalArg(key.text, value);
      model.globalArgs.push({ name: key.text, value: v, line: ins.l.startLine } satisfies GlobalArg);
    }
  }

  function openStage(ins: Ins): Stage {
    const args = blankWords(ins.split.rest);
    const [image, as, nameWord] = args;
    let name: string | null = null;
    if (args.length >= 3 && as?.text.toLowerCase() === 'as' && nameWord) {
      name = nameWord.text.toLowerCase();
      if (!STAGE_NAME.test(name))
        err(
          pos.range(nameWord),
          'DF007',
          `invalid stage name '${nameWord.text}': expected a letter followed by letters, digits, '-', '_' or '.'`,
        );
      else if (model.stages.some((s) => s.name === name))
        err(
          pos.range(nameWord),
          'DF005',
          `duplicate stage name '${nameWord.text}': stage names must be unique (case-insensitive)`,
        );
    }
    if (args.length > 0 && !(args.length === 1 || (args.length === 3 && name !== null)))
      err(ins.range, 'DF008', 'FROM expects `FROM [--platform=P] IMAGE [AS NAME]`');
    const expanded = image ? scopes.global(image, 'FROM') : '';
    if (image && expanded === '')
      err(pos.range(image), 'DF016', `FROM: base name (${image.text}) should not be blank`);
    const from = expanded ?? image?.text ?? '';
    const platformFlag = ins.flags.find((f) => f.name === 'platform');
    let platform: string | null = null;
    if (platformFlag?.value) {
      const p = scopes.global(platformFlag.value, 'FROM --platform');
      if (p === '') err(pos.range(platformFlag.word), 'DF016', 'FROM --platform: empty platform value');
      platform = p ?? platformFlag.value.text;
    }
    const stage: Stage = {
      index: model.stages.length,
      name,
      key: name ?? String(model.stages.length),
      line: ins.l.startLine,
      endLine: ins.l.endLine,
      range: { ...ins.range },
      from,
      fromRange: image ? pos.range(image) : ins.range,
      platform,
      parent: null,
      baseImage: null,
      dependsOn: [],
      images: [],
      refs: [],
      instructions: [
        instructionInfo(ins.l, ins.split, ins.flags, { argv: args.map((a) => a.text), json: false }),
      ],
      inputs: [],
      deps: { packages: [], tools: [], artefacts: [] },
      facts: stageFacts([]),
    };
    if (!image) err(ins.range, 'DF008', 'FROM needs an image or stage name');
    else addRef(stage, 'from', from, pos.range(image));
    const parent = model.stages.find((s) => s.name !== null && s.name === from);
    scopes.enter(stage, parent, from);
    for (const t of parent ? (triggers.get(parent) ?? []) : [])
      triggerRefs(stage, t.split.keyword.text, t.flags);
    model.stages.push(stage);
    return stage;
  }

  function stageInstruction(ins: Ins, stage: Stage): InstructionInfo {
    const { keyword: kw, split, flags } = ins;
    const json = jsonArray(split.rest.text);
    const parts = { argv: json ?? blankWords(split.rest).map((w) => w.text), json: json !== null };
    switch (kw) {
      case 'ARG':
        return instructionInfo(ins.l, split, flags, { ...parts, properties: stageArgs(ins) });
      case 'ENV':
      case 'LABEL': {
        const pairs = nameValues(ins).map(([k, v]): [string, string] => [
          scopes.local(k, `${kw} ${k.text}`) ?? k.text,
          scopes.local(v, `${kw} ${k.text}`) ?? v.text,
        ]);
        if (kw === 'ENV') for (const [k, v] of pairs) scopes.setEnv(k, v);
        return instructionInfo(ins.l, split, flags, { ...parts, properties: pairs });
      }
      case 'COPY':
      case 'ADD': {
        triggerRefs(stage, kw, flags);
        // Sources and destination are expanded with the stage's variables; heredoc markers are not.
        const words: (Located | string)[] = json ?? blankWords(split.rest);
        const argv = words.map((w) =>
          typeof w === 'string'
            ? (scopes.local(w, kw, split.rest) ?? w)
            : parseHeredoc(w.text)
              ? w.text
              : (scopes.local(w, kw) ?? w.text),
        );
        return instructionInfo(ins.l, split, flags, { ...parts, argv });
      }
      case 'RUN':
        triggerRefs(stage, kw, flags);
        return instructionInfo(ins.l, split, flags, parts);
      case 'ONBUILD': {
        const trigger = splitInstruction(split.rest, esc);
        triggers.set(stage, [
          ...(triggers.get(stage) ?? []),
          { split: trigger, flags: parseFlags(trigger.flags) },
        ]);
        return instructionInfo(ins.l, split, flags, {
          ...parts,
          trigger: trigger.keyword.text.toUpperCase() || null,
        });
      }
      default:
        return instructionInfo(ins.l, split, flags, parts);
    }
  }

  function stageArgs(ins: Ins): [string, string | null][] {
    return rawWords(ins.split.rest, esc).map((w) => {
      const { key, value } = keyValue(w);
      if (key.text === '') err(pos.range(w), 'DF016', 'ARG names cannot be blank');
      return [key.text, scopes.stageArg(key.text, value)];
    });
  }

  function nameValues(ins: Ins): [Located, Located][] {
    const { pairs, problems } = nameValuePairs(ins.split.rest, ins.keyword, esc);
    for (const p of problems) err(p.at ? pos.range(p.at) : ins.range, 'DF016', p.message);
    return pairs;
  }

  /** The stages or images a COPY or RUN needs through its flags (also when it runs as an ONBUILD trigger). */
  function triggerRefs(stage: Stage, keyword: string, flags: readonly Flag[]): void {
    for (const f of flagRefs(keyword, flags, esc)) {
      const ref = addRef(stage, f.via, f.ref.text, pos.range(f.ref));
      if (f.rejected === null) continue;
      unusable.add(ref);
      err(ref.range, 'DF014', f.rejected);
    }
  }
}

function addRef(stage: Stage, via: StageRef['via'], ref: string, range: Range): StageRef {
  const r: StageRef = { via, ref, stage: null, image: null, line: range.start.line, range };
  stage.refs.push(r);
  return r;
}

/** An instruction's arguments as BuildKit counts them: the JSON array's elements, or its words. */
function argsOf(split: SplitInstruction): readonly unknown[] {
  return jsonArray(split.rest.text) ?? blankWords(split.rest);
}
