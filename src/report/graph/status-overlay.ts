import type { RunRecord } from '../../history/record.js';
import { stageStatus } from '../run/status.js';
import type { StatusOverlay } from './model-json.js';

/**
 * Each stage's last recorded outcome, from records newest first: a stage takes its outcome from the newest
 * record that has it (a CI job's record holds only its own stages).
 */
export function statusOverlay(records: readonly RunRecord[]): StatusOverlay {
  const stages: StatusOverlay['stages'] = new Map();
  const runs: string[] = [];
  for (const r of records)
    for (const s of r.stages) {
      if (stages.has(s.name)) continue;
      stages.set(s.name, { status: stageStatus(s), sizeBytes: s.build.sizeBytes, run: r.id });
      if (!runs.includes(r.id)) runs.push(r.id);
    }
  return { runs, stages };
}
