/**
 * One result as goss v0.4 reports it, from a slipway `CheckResult`: the fields of goss's TestResult (result
 * code, `err`, `matcher-result`, all decided when the spec was evaluated) and the text its outputs print for it
 * (outputs/outputs.go). The formats in `index.ts` only arrange these.
 */
import type { CheckResult } from '../../check/check-image.js';
import type { MatchReport } from '../../gossfile/index.js';
import { goFormat } from '../../gossfile/matchers/values.js';
import { unifiedDiff } from './diff.js';
import { goJson } from './go-encoding.js';

/** goss's result codes. */
export const SUCCESS = 0;
export const FAIL = 1;
export const SKIP = 2;

export interface GossResult {
  r: CheckResult;
  result: number;
  err: string | null;
  matcher: MatchReport;
}

export const gossResult = (r: CheckResult): GossResult => ({
  r,
  result: r.outcome === 'pass' ? SUCCESS : r.outcome === 'skip' ? SKIP : FAIL,
  err: r.error,
  matcher: r.matcher,
});

const INDENT = '    ';
const indentLines = (s: string) =>
  s
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => INDENT + l)
    .join('\n');

/** goss `prettyPrint`: one-line JSON without HTML escaping, indented when not compact. */
const pretty = (v: unknown, indent: boolean) => (indent ? indentLines(goJson(v)) : goJson(v));

/**
 * A result as goss words it: one line for a pass or skip; for a failure, the property line then what was
 * found, the matcher's message, what was expected (or the error), a diff of two texts in the long form, and
 * the missing/extra elements and value conversions when there are some. `compact` joins it on one line (tap, junit, `summary-line-compact`);
 * `includeRaw` adds the value before conversion.
 */
export function humanize(g: GossResult, compact: boolean, includeRaw: boolean): string {
  const { r, matcher: m } = g;
  const head = `${r.resourceType}: ${r.resourceId}: ${r.property}`;
  if (g.result === SUCCESS) return `${head}: ${m.message}: ${pretty(m.expected, false)}`;
  if (g.result === SKIP) return `${head}: skipped`;
  const sep = compact ? ' ' : '\n';
  const lines =
    g.err !== null
      ? ['Error', compact ? g.err.replace(/[\t\n\f\r ]+/g, ' ') : indentLines(g.err)]
      : ['Expected', pretty(m.actual, !compact), m.message, pretty(m.expected, !compact)];
  // goss's long form adds a diff of two different strings (outputs.go maybeAddDiff).
  const { actual, expected } = m;
  if (
    g.err === null &&
    !compact &&
    typeof actual === 'string' &&
    typeof expected === 'string' &&
    actual !== expected
  )
    lines.push('diff', indentLines(unifiedDiff(expected, actual)));
  if (m.missingElements !== null)
    lines.push('the missing elements were', pretty(m.missingElements, !compact));
  if (m.extraElements !== null) lines.push('the extra elements were', pretty(m.extraElements, !compact));
  if (m.transformChain !== null) {
    lines.push('the transform chain was', pretty(m.transformChain, !compact));
    if (includeRaw) lines.push('the raw value was', pretty(m.untransformedValue, !compact));
  }
  return `${head}:${sep}${lines.join(sep)}`;
}

/** goss's `Title:`/`Meta:` lines printed before a resource's results. */
export function header(r: CheckResult): string {
  let out = r.title ? `Title: ${r.title}\n` : '';
  if (r.meta !== null) {
    out += 'Meta:\n';
    for (const k of Object.keys(r.meta).sort()) out += `${INDENT}${k}: ${goFormat(r.meta[k])}\n`;
  }
  return out;
}

/** The matcher result as goss's `matcher-result` (an ordered struct). */
export const matcherResultJson = (m: MatchReport) =>
  new Map<string, unknown>([
    ['actual', m.actual],
    ['message', m.message],
    ['expected', m.expected],
    ['missing-elements', m.missingElements],
    ['found-elements', m.foundElements],
    ['extra-elements', m.extraElements],
    ['transform-chain', m.transformChain],
    ['untransformed-value', m.untransformedValue],
  ]);
