import { type Diagnostic, formatDiagnostic } from '../../core/diagnostics.js';
import type { Rule } from '../../lint/rule.js';

export interface LintReport {
  file: string;
  diagnostics: Diagnostic[];
  rules: readonly Rule[];
}

const count = (r: LintReport, sev: string) => r.diagnostics.filter((d) => d.severity === sev).length;

export function lintText(r: LintReport): string {
  const lines = r.diagnostics.map(formatDiagnostic);
  lines.push(`${r.file}: ${count(r, 'error')} error(s), ${count(r, 'warning')} warning(s)`);
  return lines.join('\n');
}

export const lintJson = (r: LintReport): string =>
  JSON.stringify(
    { file: r.file, errors: count(r, 'error'), warnings: count(r, 'warning'), diagnostics: r.diagnostics },
    null,
    2,
  );

/** SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`). */
export function lintSarif(r: LintReport): string {
  const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'slipway',
              informationUri: 'https://github.com/slipway-dev/slipway',
              rules: r.rules.map((rule) => ({
                id: rule.code,
                name: rule.name,
                shortDescription: { text: rule.name },
                fullDescription: { text: rule.why },
                defaultConfiguration: { level: level(rule.severity) },
              })),
            },
          },
          results: r.diagnostics.map((d) => ({
            ruleId: d.code,
            level: level(d.severity),
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: d.file },
                  region: {
                    startLine: d.range.start.line,
                    startColumn: d.range.start.column,
                    endLine: d.range.end.line,
                    endColumn: d.range.end.column,
                  },
                },
              },
            ],
          })),
        },
      ],
    },
    null,
    2,
  );
}

export const LINT_FORMATS = { text: lintText, json: lintJson, sarif: lintSarif } as const;
export type LintFormat = keyof typeof LINT_FORMATS;
