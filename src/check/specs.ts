import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hasErrors } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { loadSpec, loadVars, type Spec } from '../spec/index.js';

export interface SpecInputs {
  varsFile?: string | undefined;
  varsInline?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** Loads and validates spec files before any container starts: every problem is located, then thrown. */
export function loadSpecs(
  files: readonly string[],
  root: string,
  inputs: SpecInputs = {},
): Map<string, Spec> {
  const { vars, diagnostics } = loadVars({
    ...(inputs.varsFile ? { file: inputs.varsFile } : {}),
    ...(inputs.varsInline ? { inline: inputs.varsInline } : {}),
  });
  const out = new Map<string, Spec>();
  for (const f of files) {
    const loaded = loadSpec(f, { env: inputs.env ?? process.env, vars });
    diagnostics.push(...loaded.diagnostics.map((d) => ({ ...d, file: relative(root, d.file) || d.file })));
    out.set(f, loaded.spec);
  }
  if (hasErrors(diagnostics)) throw new UserError('invalid container test spec', { diagnostics });
  return out;
}

/** The spec file of a stage, from the config's pattern, or null when the stage has none. */
export function specFileOf(root: string, pattern: string, stage: string): string | null {
  const f = join(root, pattern.replace('{stage}', stage));
  return existsSync(f) ? f : null;
}
