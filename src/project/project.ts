import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { budgetStageDiagnostics } from '../config/budgets.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/model.js';
import { type Diagnostic, hasErrors } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { DockerfileModel, Stage } from '../dockerfile/model.js';
import { parseDockerfile } from '../dockerfile/parse.js';

/** A repository slipway works on: its config and the model of its Dockerfile. */
export interface Project {
  config: Config;
  model: DockerfileModel;
  /** The Dockerfile's text, as read. */
  text: string;
  /** Non-fatal findings of parsing (warnings). */
  warnings: Diagnostic[];
}

export interface OpenOptions {
  configFile?: string;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
}

export function openProject(cwd: string, opts: OpenOptions = {}): Project {
  const config = loadConfig(cwd, opts.configFile);
  if (opts.dockerfile) config.dockerfile = opts.dockerfile;
  Object.assign(config.buildArgs, opts.buildArgs ?? {});
  const shown = relative(cwd, config.dockerfile) || config.dockerfile;
  if (!existsSync(config.dockerfile)) {
    throw new UserError(`Dockerfile not found: ${shown}`, {
      hint: config.file
        ? `set 'dockerfile:' in ${relative(cwd, config.file)}`
        : "pass --file, or set 'dockerfile:' in slipway.yaml",
    });
  }
  let text: string;
  try {
    text = readFileSync(config.dockerfile, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const { model, diagnostics } = parseDockerfile(text, shown, { buildArgs: config.buildArgs });
  if (hasErrors(diagnostics)) throw new UserError(`invalid Dockerfile ${shown}`, { diagnostics });
  checkTestStages(config, model, cwd, shown);
  const keys = model.stages.map((s) => s.key);
  const budgetErrors = budgetStageDiagnostics(config.budgets, keys, config.file ?? 'slipway.yaml');
  if (budgetErrors.length)
    throw new UserError(`invalid config ${config.file ?? 'slipway.yaml'}`, { diagnostics: budgetErrors });
  return { config, model, text, warnings: diagnostics };
}

/** Resolves stage names given on the command line (case-insensitive); unknown names list the known ones. */
export function selectStages(model: DockerfileModel, names: readonly string[]): Stage[] {
  if (names.length === 0) return model.stages;
  const known = model.stages.map((s) => s.key);
  return names.map((n) => {
    const s = model.stages.find((st) => st.key === n.toLowerCase());
    if (!s) {
      throw new UserError(`unknown stage '${n}'`, { hint: `stages in ${model.file}: ${known.join(', ')}` });
    }
    return s;
  });
}

/** Every stage named under `test:` in the config must be a stage of the Dockerfile (a did-you-mean when not). */
export function checkTestStages(config: Config, model: DockerfileModel, cwd: string, shown: string): void {
  const keys = model.stages.map((s) => s.key);
  for (const name of Object.keys(config.test)) {
    if (keys.includes(name)) continue;
    const near = didYouMean(name, keys);
    throw new UserError(
      `test.${name} in ${config.file ? relative(cwd, config.file) : 'slipway.yaml'}: '${name}' is not a stage of ${shown}${near ? ` (did you mean '${near}'?)` : ''}`,
      { hint: `stages: ${keys.join(', ')}` },
    );
  }
}
