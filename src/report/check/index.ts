import type { CheckReport, CheckResult } from '../../check/run.js';

const show = (v: unknown) =>
  typeof v === 'string'
    ? v.length > 200
      ? JSON.stringify(`${v.slice(0, 200)}…`)
      : JSON.stringify(v)
    : JSON.stringify(v);
const head = (r: CheckResult) => `${r.resourceType}: ${r.resourceId}: ${r.property}`;

/** goss's one-line summary of a result. */
export function summaryLine(r: CheckResult): string {
  if (r.outcome === 'skip') return `${head(r)}: skipped`;
  if (r.outcome === 'pass') return `${head(r)}: matches expectation: ${r.expected}`;
  return `${head(r)}: doesn't match, expect: ${r.expected}${r.found !== null ? ` found: ${show(r.found)}` : ''}${r.message ? ` (${r.message})` : ''}`;
}

const counts = (rs: readonly CheckResult[]) => ({
  count: rs.length,
  failed: rs.filter((r) => r.outcome === 'fail').length,
  skipped: rs.filter((r) => r.outcome === 'skip').length,
});

const secs = (ms: number) => (ms / 1000).toFixed(3);

export function documentation(reports: readonly CheckReport[]): string {
  const out: string[] = [];
  for (const rep of reports) {
    out.push(`== ${rep.label} (${rep.image}) ==`);
    for (const n of rep.notes) out.push(`note: ${n}`);
    for (const r of rep.results) out.push(summaryLine(r));
    const fails = rep.results.filter((r) => r.outcome === 'fail');
    if (fails.length) {
      out.push('', 'Failures:');
      for (const r of fails)
        out.push(
          `  ${head(r)}${r.title ? ` (${r.title})` : ''}`,
          `    expected: ${r.expected}`,
          `    found:    ${show(r.found)}`,
          ...(r.message ? [`    ${r.message}`] : []),
        );
    }
    const c = counts(rep.results);
    out.push(
      '',
      `Total Duration: ${secs(rep.durationMs)}s`,
      `Count: ${c.count}, Failed: ${c.failed}, Skipped: ${c.skipped}`,
      '',
    );
  }
  return out.join('\n');
}

export function json(reports: readonly CheckReport[]): string {
  const one = (rep: CheckReport) => {
    const c = counts(rep.results);
    return {
      image: rep.image,
      label: rep.label,
      results: rep.results.map((r) => ({
        duration: r.durationMs * 1e6,
        err: r.outcome === 'fail' && r.found === null ? r.message : null,
        expected: [r.expected],
        found: r.found === null ? null : [r.found],
        human: r.message ?? '',
        meta: r.meta,
        property: r.property,
        'resource-id': r.resourceId,
        'resource-type': r.resourceType,
        result: r.outcome === 'pass' ? 0 : r.outcome === 'fail' ? 1 : 2,
        skipped: r.outcome === 'skip',
        successful: r.outcome !== 'fail',
        'summary-line': summaryLine(r),
        title: r.title,
      })),
      summary: {
        'failed-count': c.failed,
        'skipped-count': c.skipped,
        'summary-line': `Count: ${c.count}, Failed: ${c.failed}, Skipped: ${c.skipped}, Duration: ${secs(rep.durationMs)}s`,
        'test-count': c.count,
        'total-duration': rep.durationMs * 1e6,
      },
      notes: rep.notes,
    };
  };
  return JSON.stringify(reports.length === 1 ? one(reports[0] as CheckReport) : reports.map(one), null, 2);
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One <testsuite> per stage, named after it: what CI test-report viewers group by. */
export function junitSuite(rep: CheckReport): string {
  const c = counts(rep.results);
  const cases = rep.results.map((r) => {
    const name = xml(`${r.resourceType} ${r.resourceId} ${r.property}`);
    const body =
      r.outcome === 'fail'
        ? `<failure message="${xml(summaryLine(r))}">${xml(summaryLine(r))}</failure>`
        : r.outcome === 'skip'
          ? '<skipped/>'
          : '';
    return `    <testcase name="${name}" classname="${xml(rep.label)}" time="${secs(r.durationMs)}">${body}<system-out>${xml(summaryLine(r))}</system-out></testcase>`;
  });
  return `  <testsuite name="${xml(rep.label)}" errors="0" tests="${c.count}" failures="${c.failed}" skipped="${c.skipped}" time="${secs(rep.durationMs)}" timestamp="${new Date().toISOString()}">\n${cases.join('\n')}\n  </testsuite>`;
}

export const junit = (reports: readonly CheckReport[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${reports.map(junitSuite).join('\n')}\n</testsuites>`;

export function tap(reports: readonly CheckReport[]): string {
  const all = reports.flatMap((rep) => rep.results);
  const lines = [`1..${all.length}`];
  all.forEach((r, i) => {
    lines.push(
      r.outcome === 'fail'
        ? `not ok ${i + 1} - ${summaryLine(r)}`
        : r.outcome === 'skip'
          ? `ok ${i + 1} - # SKIP ${head(r)}`
          : `ok ${i + 1} - ${summaryLine(r)}`,
    );
  });
  return lines.join('\n');
}

/** goss's rspecish: a progress line of `.`/`F`/`S`, then failures, then the summary. */
export function rspecish(reports: readonly CheckReport[]): string {
  const out: string[] = [];
  for (const rep of reports) {
    out.push(
      rep.results.map((r) => (r.outcome === 'pass' ? '.' : r.outcome === 'fail' ? 'F' : 'S')).join(''),
      '',
    );
    const fails = rep.results.filter((r) => r.outcome === 'fail');
    if (fails.length) {
      out.push('Failures/Skipped:', '');
      for (const r of fails)
        out.push(
          `${r.resourceType}: ${r.resourceId}: ${r.property}:`,
          `Expected`,
          `    ${show(r.found)}`,
          `to ${r.expected}`,
          '',
        );
    }
    const c = counts(rep.results);
    out.push(
      `Total Duration: ${secs(rep.durationMs)}s`,
      `Count: ${c.count}, Failed: ${c.failed}, Skipped: ${c.skipped}`,
    );
  }
  return out.join('\n');
}

/** goss's structured: results as data, with the matcher outcome spelled out per property. */
export function structured(reports: readonly CheckReport[]): string {
  const one = (rep: CheckReport) => {
    const c = counts(rep.results);
    return {
      results: rep.results.map((r) => ({
        'resource-type': r.resourceType,
        'resource-id': r.resourceId,
        property: r.property,
        title: r.title,
        meta: r.meta,
        result: r.outcome === 'pass' ? 0 : r.outcome === 'fail' ? 1 : 2,
        'matcher-result': { expected: r.expected, actual: r.found, message: r.message },
        duration: r.durationMs * 1e6,
      })),
      summary: {
        'test-count': c.count,
        failures: c.failed,
        skipped: c.skipped,
        'total-duration': rep.durationMs * 1e6,
      },
    };
  };
  return JSON.stringify(reports.length === 1 ? one(reports[0] as CheckReport) : reports.map(one), null, 2);
}

export const silent = () => '';

export const CHECK_FORMATS = { documentation, json, junit, tap, rspecish, structured, silent } as const;
export type CheckFormat = keyof typeof CHECK_FORMATS;
