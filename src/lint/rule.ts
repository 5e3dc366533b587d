import type { Config } from '../config/config.js';
import type { Severity } from '../core/diagnostics.js';
import type { DockerfileModel, InstructionInfo, Stage } from '../dockerfile/stage.js';

/** What a rule sees: the model, the config (roles, spec pattern) and a way to ask whether a file exists. */
export interface LintContext {
  model: DockerfileModel;
  config: Config;
  lines: string[];
  specExists: (stage: string) => boolean;
  /** Whether the stage reads this file (relative to the repository root) from the build context, after the ignore file. */
  readsFromRepository: (stage: string, path: string) => boolean;
}

/** A finding before it is located in the file: the line (1-based) and the message. */
export interface Finding {
  line: number;
  message: string;
}

export interface Rule {
  code: string;
  name: string;
  severity: Severity;
  /** One line: why this matters. */
  why: string;
  check: (ctx: LintContext) => Finding[];
}

/** The stage playing a hierarchy role, when the Dockerfile has it. */
export const roleStage = (ctx: LintContext, role: keyof Config['roles']): Stage | undefined =>
  ctx.model.stages.find((s) => s.key === ctx.config.roles[role]);

/** A stage and every stage it is built FROM, nearest first. */
export function ancestry(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  let s: Stage | undefined = stage;
  while (s && !chain.includes(s)) {
    chain.push(s);
    s = s.parent ? model.stages.find((x) => x.key === s?.parent) : undefined;
  }
  return chain;
}

export const runScript = (i: InstructionInfo): string => (i.json ? i.argv.join(' ') : i.args);
