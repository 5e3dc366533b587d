import type { BuildReport } from '../stages/build-stages.js';
import { megabytes, seconds, table } from './units.js';

export function formatBuildText(r: BuildReport): string {
  const rows = [['STAGE', 'STATUS', 'TIME', 'SIZE', 'STEPS RUN/CACHED', 'IMAGE']];
  for (const s of r.stages) {
    rows.push([
      s.stage,
      s.status,
      s.status === 'skipped' ? '-' : seconds(s.durationMs),
      megabytes(s.sizeBytes),
      s.status === 'skipped' ? '-' : `${s.executed.length}/${s.cached.length}`,
      s.tag,
    ]);
  }
  const out = [table(rows)];
  const made = r.images.filter((i) => i.source !== 'local');
  if (made.length)
    out.push(
      `base images: ${made.map((i) => `${i.ref} (${i.source}, ${seconds(i.durationMs)})`).join(', ')}`,
    );
  for (const s of r.stages.filter((x) => x.failure)) {
    const f = s.failure as NonNullable<typeof s.failure>;
    out.push(
      '',
      `stage ${s.stage} failed at ${f.step}`,
      `  ${f.message}`,
      ...f.logTail.map((l) => `  | ${l}`),
    );
  }
  return out.join('\n');
}

export const formatBuildJson = (r: BuildReport): string => JSON.stringify(r, null, 2);
