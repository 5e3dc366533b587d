import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type Diagnostic, diagnostic, pointRange } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';

/**
 * An env file as `docker run --env-file` reads it: one `NAME=VALUE` a line, taken literally (no quotes
 * removed, no expansion); a `NAME` alone takes the host's value when it has one; `#` lines and blank lines
 * are skipped. Total: problems come back as located diagnostics (SW-ENVFILE), the good lines still count.
 */
export function parseEnvFile(
  text: string,
  file: string,
  hostEnv: Readonly<Record<string, string | undefined>> = {},
): { env: Record<string, string>; diagnostics: Diagnostic[] } {
  const env: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = eq < 0 ? line.trimEnd() : line.slice(0, eq);
    const column = raw.length - line.length + 1;
    if (name === '' || /\s/.test(name)) {
      const why = name === '' ? 'no variable name before =' : `variable '${name}' contains whitespace`;
      diagnostics.push(
        diagnostic('SW-ENVFILE', file, pointRange(i + 1, column), `${why}: expected NAME=VALUE`),
      );
      return;
    }
    if (eq >= 0) env[name] = line.slice(eq + 1);
    else if (hostEnv[name] !== undefined) env[name] = hostEnv[name] as string;
  });
  return { env, diagnostics };
}

/** The dev container's environment: the env file (when configured; a missing one is an error), then `env`. */
export function devEnvironment(
  s: { envFile: string | null; env: Record<string, string>; root: string },
  hostEnv: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  if (!s.envFile) return { ...s.env };
  const shown = relative(s.root, s.envFile) || s.envFile;
  let text: string;
  try {
    text = readFileSync(s.envFile, 'utf8');
  } catch (e) {
    throw new UserError(
      `dev.envFile: cannot read ${shown} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      {
        hint: "create it, or remove 'envFile' from the dev section of slipway.yaml",
      },
    );
  }
  const { env, diagnostics } = parseEnvFile(text, shown, hostEnv);
  if (diagnostics.length) throw new UserError(`invalid env file ${shown}`, { diagnostics });
  return { ...env, ...s.env };
}
