import type { PipelineReport } from '../pipeline/run.js';
import { formatBuildText } from './build.js';
import { summaryLine } from './check/index.js';
import { megabytes, seconds } from './units.js';

export function formatPipelineText(r: PipelineReport): string {
  const out = ['', '== slipway pipeline ==', formatBuildText(r.build)];
  if (r.tests.length) {
    out.push('', 'container tests:');
    for (const t of r.tests) {
      const failed = t.results.filter((x) => x.outcome === 'fail');
      const skipped = t.results.filter((x) => x.outcome === 'skip').length;
      out.push(
        `  ${t.ok ? 'ok  ' : 'FAIL'} ${t.label.padEnd(10)} ${t.results.length} checks, ${failed.length} failed, ${skipped} skipped (${seconds(t.durationMs)})`,
      );
      for (const f of failed) out.push(`       ${summaryLine(f)}`);
      if (!t.ok) for (const n of t.notes) out.push(...n.split('\n').map((l) => `       ${l}`));
    }
  }
  if (r.smoke) {
    out.push('', `smoke run of ${r.smoke.image}:`);
    for (const s of r.smoke.steps)
      out.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(22)} ${s.message} (${seconds(s.durationMs)})`);
    if (r.smoke.logTail.length)
      out.push('  container log (last lines):', ...r.smoke.logTail.map((l) => `  | ${l}`));
  }
  const size = (stage: string) => r.build.stages.find((s) => s.stage === stage)?.sizeBytes ?? null;
  const release = size(r.roles.release);
  const base = size(r.roles.base);
  if (release !== null && base !== null) {
    out.push(
      '',
      `${r.roles.release} = ${r.roles.base} ${megabytes(base)} + ${megabytes(release - base)} (${megabytes(release)})`,
    );
  }
  out.push('', `${r.ok ? 'PASSED' : 'FAILED'} in ${seconds(r.durationMs)}`);
  return out.join('\n');
}

export const formatPipelineJson = (r: PipelineReport): string => JSON.stringify(r, null, 2);
