import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectArgs } from '../ci/invocation.js';
import { shellLine } from '../ci/shell.js';
import { stageByKey } from '../dockerfile/stage.js';
import { invocationOf } from '../project/invocation.js';
import type { Project } from '../project/project.js';

/** The script names slipway owns in package.json: it adds, updates and removes these, and no others. */
export const OWNED_SCRIPT = /^(?:(?:build|test):[a-z0-9][a-z0-9._-]*-container|dev:(?:up|shell|down))$/;

/**
 * The origin's npm helpers, for every named stage: `build:<stage>-container`, `test:<stage>-container` (for
 * the stages with a spec), and `dev:up`, `dev:shell`, `dev:down` when there is a dev stage. `command` is how
 * this repository runs slipway (`slipway` when it is a dependency; `ci.command` in slipway.yaml says otherwise).
 * Each command carries the project options the command line gave ({@link scriptArgs}).
 */
export function npmScripts(p: Project, command: string): Record<string, string> {
  const args = scriptArgs(p);
  const run = (words: string) => `${command} ${words}${args.length ? ` ${shellLine(args)}` : ''}`;
  const out: Record<string, string> = {};
  const named = p.model.stages.filter((s) => s.name !== null);
  for (const s of named) out[`build:${s.key}-container`] = run(`build ${s.key}`);
  for (const s of named)
    if (existsSync(join(p.config.root, p.config.specs.replaceAll('{stage}', s.key))))
      out[`test:${s.key}-container`] = run(`test ${s.key}`);
  if (stageByKey(p.model, p.config.roles.dev)) {
    out['dev:up'] = run('dev up');
    out['dev:shell'] = run('dev shell');
    out['dev:down'] = run('dev down');
  }
  return out;
}

/**
 * The project options (`-c`, `-f`, `--build-arg`; unquoted) that make a script see the project `slipway scripts`
 * saw, as the CI's jobs do: npm runs a script in the directory of its package.json, the project's root, so
 * the paths are relative to that. None for the defaults.
 */
export const scriptArgs = (p: Project): string[] =>
  projectArgs(p.config, invocationOf(p, p.config.root)).args;

/**
 * package.json with its `scripts` brought in line: slipway's scripts set (in place when present, appended
 * when new), its stale ones (a stage that is gone) removed, every other script and key kept as it was.
 * The indentation of the file is kept. null when the text is not a JSON object.
 */
export function syncScripts(text: string, wanted: Readonly<Record<string, string>>): string | null {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return null;
  }
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) return null;
  const doc = pkg as Record<string, unknown>;
  const had = doc.scripts && typeof doc.scripts === 'object' ? (doc.scripts as Record<string, string>) : {};
  const scripts: Record<string, string> = {};
  for (const [k, v] of Object.entries(had)) {
    if (!OWNED_SCRIPT.test(k)) scripts[k] = v;
    else if (k in wanted) scripts[k] = wanted[k] as string;
  }
  for (const [k, v] of Object.entries(wanted)) scripts[k] = v;
  doc.scripts = scripts;
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  return `${JSON.stringify(doc, null, indent)}\n`;
}
