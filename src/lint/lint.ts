import { type Diagnostic, diagnostic } from '../core/diagnostics.js';
import type { LintContext } from './rule.js';
import { RULES } from './rules/index.js';

export interface LintOptions {
  disable?: readonly string[];
}

/**
 * Runs every rule (and carries the parser's warnings), then drops what `--disable` or an inline
 * `# slipway-ignore CODE[,CODE]` comment on the line(s) just above an instruction suppresses.
 */
export function lint(
  ctx: LintContext,
  parserWarnings: readonly Diagnostic[],
  opts: LintOptions = {},
): Diagnostic[] {
  const disabled = new Set((opts.disable ?? []).map((c) => c.toUpperCase()));
  const file = ctx.model.file;
  const found: Diagnostic[] = [...parserWarnings];
  for (const rule of RULES) {
    if (disabled.has(rule.code)) continue;
    for (const f of rule.check(ctx)) {
      const text = ctx.lines[f.line - 1] ?? '';
      const col = text.length - text.trimStart().length + 1;
      found.push(
        diagnostic(
          rule.code,
          file,
          { start: { line: f.line, column: col }, end: { line: f.line, column: text.length + 1 } },
          f.message,
          rule.severity,
        ),
      );
    }
  }
  const ignored = inlineIgnores(ctx.lines);
  return found
    .filter((d) => !disabled.has(d.code) && !ignored.get(d.range.start.line)?.has(d.code))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.code.localeCompare(b.code));
}

/** line of an instruction → codes ignored for it, from the comment lines directly above it. */
function inlineIgnores(lines: readonly string[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  let pending = new Set<string>();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const m = /^#\s*slipway-ignore\s+([A-Za-z0-9, ]+)/.exec(line);
    if (m) {
      for (const c of (m[1] as string).split(/[\s,]+/).filter(Boolean)) pending.add(c.toUpperCase());
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    if (pending.size) out.set(i + 1, pending);
    pending = new Set();
  });
  return out;
}
