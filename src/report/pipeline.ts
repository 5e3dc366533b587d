import type { StageRecord } from '../history/record.js';
import type { PipelineReport } from '../pipeline/pipeline.js';
import { summaryLine } from './check/index.js';
import { megabytes, seconds, table } from './units.js';

/** Why a stage got its action, in a few words: the first reason, or the fingerprint that was found. */
function why(s: StageRecord): string {
  if (s.build.status === 'cached') {
    const fp = `cached: fingerprint ${s.fingerprint.replace(/^sha256:/, '').slice(0, 8)}…`;
    return s.test.status === 'cached' ? `${fp}, green before` : fp;
  }
  if (s.build.status === 'skipped') return s.build.because ?? 'not needed';
  const first = s.reasons[0]?.text ?? 'built';
  const more = s.reasons.length > 1 ? ` (+${s.reasons.length - 1} more)` : '';
  return `${first.length > 60 ? `${first.slice(0, 57)}…` : first}${more}`;
}

function buildCell(s: StageRecord): string {
  if (s.build.status === 'built')
    return `built ${seconds(s.build.durationMs)} (${s.build.stepsRun}/${s.build.stepsCached})`;
  if (s.build.status === 'failed') return `FAILED ${seconds(s.build.durationMs)}`;
  return s.build.status;
}

function testCell(s: StageRecord): string {
  const t = s.test;
  if (t.status === 'passed') return `ok ${t.count} checks (${seconds(t.durationMs)})`;
  if (t.status === 'failed') return `FAIL ${t.failed}/${t.count}`;
  if (t.status === 'cached') return 'green before';
  return t.status === 'none' ? '-' : t.status;
}

export function formatPipelineText(r: PipelineReport): string {
  const rows = [['STAGE', 'ACTION', 'BUILD (RUN/CACHED)', 'TEST', 'SIZE', 'WHY']];
  for (const s of r.record.stages)
    rows.push([s.name, s.action, buildCell(s), testCell(s), megabytes(s.build.sizeBytes), why(s)]);
  const out = ['', '== slipway pipeline ==', table(rows)];
  if (r.images.length)
    out.push(
      `base images: ${r.images.map((i) => `${i.ref} (${i.source}, ${seconds(i.durationMs)})`).join(', ')}`,
    );
  for (const s of r.record.stages.filter((x) => x.build.failure)) {
    const f = s.build.failure as NonNullable<StageRecord['build']['failure']>;
    out.push(
      '',
      `stage ${s.name} failed at ${f.step}`,
      `  ${f.message}`,
      ...f.logTail.map((l) => `  | ${l}`),
    );
  }
  for (const t of r.tests.filter((x) => !x.ok)) {
    out.push('', `container tests of ${t.label} failed:`);
    for (const f of t.results.filter((x) => x.outcome === 'fail')) out.push(`  ${summaryLine(f)}`);
    for (const n of t.notes) out.push(...n.split('\n').map((l) => `  ${l}`));
  }
  if (r.smoke) {
    out.push('', `smoke run of ${r.smoke.image}:`);
    for (const s of r.smoke.steps)
      out.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(22)} ${s.message} (${seconds(s.durationMs)})`);
    if (r.smoke.logTail.length)
      out.push('  container log (last lines):', ...r.smoke.logTail.map((l) => `  | ${l}`));
  } else if (r.record.smoke?.cached) {
    out.push('', `smoke run of ${r.record.smoke.stage}: passed before for this image (not run again)`);
  }
  if (r.budgetFailures.length) out.push('', ...r.budgetFailures);
  const size = (stage: string) => r.record.stages.find((s) => s.name === stage)?.build.sizeBytes ?? null;
  const release = size(r.roles.release);
  const base = size(r.roles.base);
  if (release !== null && base !== null)
    out.push(
      '',
      `${r.roles.release} = ${r.roles.base} ${megabytes(base)} + ${megabytes(release - base)} (${megabytes(release)})`,
    );
  out.push('', `${r.ok ? 'PASSED' : 'FAILED'} in ${seconds(r.durationMs)}  (record: ${r.recordFile})`);
  return out.join('\n');
}

export const formatPipelineJson = (r: PipelineReport): string =>
  JSON.stringify({ ok: r.ok, record: r.record, plan: r.plan, smoke: r.smoke }, null, 2);
