import type { PipelineReport } from '../pipeline/run.js';
import { formatBuildText } from './build.js';
import { seconds } from './units.js';

export function formatPipelineText(r: PipelineReport): string {
  const out = ['', '== slipway pipeline ==', formatBuildText(r.build)];
  if (r.smoke) {
    out.push('', `smoke run of ${r.smoke.image}:`);
    for (const s of r.smoke.steps)
      out.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(22)} ${s.message} (${seconds(s.durationMs)})`);
    if (r.smoke.logTail.length)
      out.push('  container log (last lines):', ...r.smoke.logTail.map((l) => `  | ${l}`));
  }
  const release = r.build.stages;
  const sizes = release.filter((s) => s.sizeBytes !== null);
  if (sizes.length > 1) {
    const biggest = sizes.reduce((a, b) => ((a.sizeBytes ?? 0) > (b.sizeBytes ?? 0) ? a : b));
    const smallest = sizes.reduce((a, b) => ((a.sizeBytes ?? 0) < (b.sizeBytes ?? 0) ? a : b));
    out.push(
      '',
      `smallest image: ${smallest.stage}; largest: ${biggest.stage} (${(((smallest.sizeBytes ?? 0) / (biggest.sizeBytes ?? 1)) * 100).toFixed(0)}% of it)`,
    );
  }
  out.push('', `${r.ok ? 'PASSED' : 'FAILED'} in ${seconds(r.durationMs)}`);
  return out.join('\n');
}

export const formatPipelineJson = (r: PipelineReport): string => JSON.stringify(r, null, 2);
