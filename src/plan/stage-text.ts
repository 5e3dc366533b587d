/**
 * The parts of a stage the plan and the fingerprints compare: its instructions as BuildKit executes them
 * (layout and comments do not count), the ARGs it takes from outside, its context sources.
 */
import { type ContextSource, stageContextSources } from '../dockerfile/context-sources.js';
import {
  instructionsByStage,
  type LogicalInstruction,
  readInstructions,
} from '../dockerfile/instruction-text.js';
import type { DockerfileModel, Stage } from '../dockerfile/stage.js';

export interface StageText {
  /** Normalized instruction texts, FROM first. */
  texts: string[];
  /** Line (1-based) of each instruction. */
  lines: number[];
  /** ARG names its FROM line references (global ARGs). */
  fromArgs: string[];
  sources: ContextSource[];
}

export interface DockerfileText {
  directives: Record<string, string>;
  stages: Map<string, StageText>;
}

const VAR = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/** Each stage of the model with its instruction texts, read from the Dockerfile's text. */
export function dockerfileText(model: DockerfileModel, text: string): DockerfileText {
  const doc = readInstructions(text);
  const { stages } = instructionsByStage(doc);
  const aligned =
    stages.length === model.stages.length && stages.every((s, i) => s[0]?.line === model.stages[i]?.line);
  const sources = stageContextSources(model, doc);
  const out = new Map<string, StageText>();
  model.stages.forEach((stage, i) => {
    const ins = aligned ? (stages[i] as LogicalInstruction[]) : fromModel(stage);
    const from = ins[0]?.text ?? '';
    out.set(stage.key, {
      texts: ins.map((x) => x.text),
      lines: ins.map((x) => x.line),
      fromArgs: [...new Set([...from.matchAll(VAR)].map((m) => m[1] as string))],
      sources: sources.get(stage.key) ?? [],
    });
  });
  return { directives: doc.directives, stages: out };
}

/** When the text and the model disagree on where stages start: the model's own reading (safe, coarser). */
function fromModel(stage: Stage): LogicalInstruction[] {
  return stage.instructions.map((i) => {
    const flags = i.allFlags.map(([k, v]) => (v === null ? `--${k}` : `--${k}=${v}`));
    return {
      keyword: i.keyword,
      line: i.line,
      endLine: i.endLine,
      text: [i.keyword, ...flags, i.args].join(' '),
      flags,
      args: i.args,
      heredocs: [],
    };
  });
}

/** The value the last global `ARG name` has at the FROM lines (build args applied), or undefined. */
export function globalArg(
  model: DockerfileModel,
  name: string,
): { value: string | null; line: number } | undefined {
  for (let i = model.globalArgs.length - 1; i >= 0; i--) {
    const g = model.globalArgs[i];
    if (g?.name === name) return { value: g.value, line: g.line };
  }
  return undefined;
}

/**
 * The ARGs a stage takes from outside the stage: the global ARGs its FROM references, and every `ARG` it
 * declares (a build arg overrides it; a bare `ARG NAME` takes the global default). Keyed `from:NAME` /
 * `stage:NAME`; `global` when the value comes from the global ARG's default.
 */
export function stageArgs(
  model: DockerfileModel,
  stage: Stage,
  fromArgs: readonly string[],
  buildArgs: Readonly<Record<string, string>>,
): Map<string, { name: string; value: string | null; global: boolean }> {
  const out = new Map<string, { name: string; value: string | null; global: boolean }>();
  for (const name of fromArgs)
    out.set(`from:${name}`, { name, value: globalArg(model, name)?.value ?? null, global: true });
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'ARG') continue;
    for (const [name] of ins.properties) {
      const key = `stage:${name}`;
      // The model's value of a bare `ARG NAME` is the global default it takes: bareness is in the words.
      const bare = !ins.argv.some((w) => w.startsWith(`${name}=`));
      if (Object.hasOwn(buildArgs, name))
        out.set(key, { name, value: buildArgs[name] as string, global: false });
      else if (bare) out.set(key, { name, value: globalArg(model, name)?.value ?? null, global: true });
      else out.set(key, { name, value: null, global: false }); // its default is in the text
    }
  }
  return out;
}
