import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Diagnostic, hasErrors } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { loadSpec, loadVars, type Spec } from '../spec/index.js';

export interface SpecInputs {
  varsFile?: string | undefined;
  varsInline?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Warnings (what goss runs but reports failed, deprecations...) are errors too. */
  strict?: boolean;
}

export interface LoadedSpecs {
  specs: Map<string, Spec>;
  /** Located warnings for the caller to show; the specs run with them (goss's results for those properties). */
  warnings: Diagnostic[];
}

/**
 * Loads and validates spec files before any container starts: every problem is located; errors (all of them,
 * with the warnings, under `strict`) are thrown together, warnings returned.
 */
export function loadSpecs(files: readonly string[], root: string, inputs: SpecInputs = {}): LoadedSpecs {
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
  const strict = inputs.strict
    ? diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d))
    : diagnostics;
  if (hasErrors(strict))
    throw new UserError(
      inputs.strict && !hasErrors(diagnostics)
        ? 'container test spec has warnings (--strict)'
        : 'invalid container test spec',
      { diagnostics: strict },
    );
  return { specs: out, warnings: diagnostics.filter((d) => d.severity === 'warning') };
}

/** The spec file of a stage, from the config's pattern, or null when the stage has none. */
export function specFileOf(root: string, pattern: string, stage: string): string | null {
  const f = join(root, pattern.replace('{stage}', stage));
  return existsSync(f) ? f : null;
}
