import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { budgetStageDiagnostics } from '../config/budgets.js';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load.js';
import { CONFIG_CODES } from '../config/nodes.js';
import { type Diagnostic, diagnostic, hasErrors } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import type { DockerfileModel, Stage } from '../dockerfile/stage.js';

/** A repository slipway works on: its config and the model of its Dockerfile. */
export interface Project {
  config: Config;
  model: DockerfileModel;
  /** The Dockerfile's text, as read. */
  text: string;
  /** Non-fatal findings of parsing (warnings). */
  warnings: Diagnostic[];
  /**
   * What the command line changed on top of the config: the Dockerfile of `-f` (absolute; null when it is the
   * config's own) and the `--build-arg`s. The generated CI passes them on to its jobs.
   */
  given: { dockerfile: string | null; buildArgs: Record<string, string> };
}

export interface OpenOptions {
  configFile?: string;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
}

export function openProject(cwd: string, opts: OpenOptions = {}): Project {
  const config = loadConfig(cwd, opts.configFile);
  // Like -c, -f is relative to --cwd (as the plan reads it).
  const dockerfile = opts.dockerfile ? resolve(cwd, opts.dockerfile) : null;
  const given = {
    dockerfile: dockerfile !== config.dockerfile ? dockerfile : null,
    buildArgs: { ...opts.buildArgs },
  };
  if (dockerfile) config.dockerfile = dockerfile;
  Object.assign(config.buildArgs, given.buildArgs);
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
  checkStageRefs(config, model, shown);
  return { config, model, text, warnings: diagnostics, given };
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

/**
 * Every stage the config names (`roles.<role>`, `smoke.stage`, `test.<stage>`, `budgets.<stage>`) must be a stage of the
 * Dockerfile: each one that is not is a located CFG004 error, with a did-you-mean.
 */
export function checkStageRefs(config: Config, model: DockerfileModel, shown: string): void {
  const keys = model.stages.map((s) => s.key);
  const file = config.file ?? 'slipway.yaml';
  const ds: Diagnostic[] = config.stageRefs
    .filter((r) => !keys.includes(r.stage.toLowerCase()))
    .map((r) => {
      const near = didYouMean(r.stage, keys);
      return diagnostic(
        CONFIG_CODES.stage,
        file,
        r.range,
        `${r.setting}: '${r.stage}' is not a stage of ${shown}${near ? ` (did you mean '${near}'?)` : ''}; stages: ${keys.join(', ')}`,
      );
    });
  ds.push(...budgetStageDiagnostics(config.budgets, keys, file));
  if (ds.length) throw new UserError(`invalid config ${file}`, { diagnostics: ds });
}
