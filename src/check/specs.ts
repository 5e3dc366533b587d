import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Docker from 'dockerode';
import { type Diagnostic, hasErrors } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { loadSpec, loadVars, type Spec } from '../gossfile/index.js';

export interface SpecInputs {
  varsFile?: string | undefined;
  varsInline?: string | undefined;
  /**
   * `.Env` of the templates: the target container's environment (`targetEnv`), as goss running in it sees
   * it — never this machine's. 'unknown' (the default) checks a spec before its target exists: `.Env.X`
   * renders '' and what depends on it is left for the load with the target's environment (the rest is
   * reported now; gossfile/env-dependence.ts).
   */
  env?: Record<string, string | undefined> | 'unknown';
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
    const env = inputs.env ?? 'unknown';
    const loaded = loadSpec(f, env === 'unknown' ? { env: {}, vars, envUnknown: true } : { env, vars });
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
  const f = join(root, pattern.replaceAll('{stage}', stage));
  return existsSync(f) ? f : null;
}

/** KEY=VALUE lines (a container's Config.Env) as a map; a later KEY wins. */
export function envMap(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf('=');
    if (i > 0) out[l.slice(0, i)] = l.slice(i + 1);
  }
  return out;
}

/** The environment a container of `image` run with `extra` has: the image's ENV, then what the run adds. */
export async function targetEnv(
  docker: Docker,
  image: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const info = await docker.getImage(image).inspect();
  return { ...envMap(info.Config?.Env ?? []), ...extra };
}
