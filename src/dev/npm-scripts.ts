import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stageByKey } from '../dockerfile/stage.js';
import type { Project } from '../project/project.js';

/** The script names slipway owns in package.json: it adds, updates and removes these, and no others. */
export const OWNED_SCRIPT = /^(?:(?:build|test):[a-z0-9][a-z0-9._-]*-container|dev:(?:up|shell|down))$/;

/**
 * The origin's npm helpers, for every named stage: `build:<stage>-container`, `test:<stage>-container` (for
 * the stages with a spec), and `dev:up`, `dev:shell`, `dev:down` when there is a dev stage. `command` is how
 * this repository runs slipway (`slipway` when it is a dependency; `ci.command` in slipway.yaml says otherwise).
 */
export function npmScripts(p: Project, command: string): Record<string, string> {
  const out: Record<string, string> = {};
  const named = p.model.stages.filter((s) => s.name !== null);
  for (const s of named) out[`build:${s.key}-container`] = `${command} build ${s.key}`;
  for (const s of named)
    if (existsSync(join(p.config.root, p.config.specs.replaceAll('{stage}', s.key))))
      out[`test:${s.key}-container`] = `${command} test ${s.key}`;
  if (stageByKey(p.model, p.config.roles.dev)) {
    out['dev:up'] = `${command} dev up`;
    out['dev:shell'] = `${command} dev shell`;
    out['dev:down'] = `${command} dev down`;
  }
  return out;
}

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
