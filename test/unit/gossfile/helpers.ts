import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { type LoadOptions, loadSpec } from '../../../src/gossfile/index.js';

/** A temporary directory holding the given files (paths relative to it). */
export function specDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-spec-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Loads `main` (default goss.yaml) from the files; diagnostics as `file:line:col: severity CODE message`. */
export function load(
  files: Record<string, string> | string,
  opts: Partial<LoadOptions> & { main?: string } = {},
) {
  const dir = specDir(typeof files === 'string' ? { 'goss.yaml': files } : files);
  const r = loadSpec(join(dir, opts.main ?? 'goss.yaml'), {
    env: opts.env ?? {},
    vars: opts.vars ?? {},
    ...(opts.envUnknown ? { envUnknown: true } : {}),
  });
  const rel = (s: string) => s.split(`${dir}/`).join('');
  return {
    dir,
    resources: r.spec.resources,
    files: r.spec.files.map(rel),
    diagnostics: r.diagnostics.map((d) => rel(formatDiagnostic(d))),
    raw: r.diagnostics,
  };
}

/** `file:line:col CODE` of each diagnostic, the part the tests pin exactly. */
export const where = (ds: string[]) => ds.map((d) => d.replace(/^(\S+): (\w+) (SPEC\d+).*$/s, '$1 $3'));
