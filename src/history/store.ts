import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from './record.js';
import { runProblem } from './validate.js';

/** The repository's local state: `.slipway/` at its root, ignored by git (it says so itself). */
export const stateDir = (root: string): string => join(root, '.slipway');

/** How many records the history keeps. */
const KEEP = 50;

export const newRecordId = (at = new Date()): string =>
  `${at.toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(16).slice(2, 8)}`;

/** Writes a record into the history (whole or not at all: a temp file renamed), pruning the oldest. */
export function saveRecord(root: string, record: RunRecord): string {
  const dir = join(stateDir(root), 'runs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(stateDir(root), '.gitignore'), '# slipway local state (run history)\n*\n');
  const file = join(dir, `${record.id}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  const all = recordFiles(root);
  for (const old of all.slice(0, Math.max(0, all.length - KEEP))) rmSync(join(dir, old), { force: true });
  return file;
}

function recordFiles(root: string): string[] {
  try {
    return readdirSync(join(stateDir(root), 'runs'))
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

/** The history, newest first; records of another schema or unreadable ones are passed over. */
export function loadHistory(root: string, limit = KEEP): RunRecord[] {
  const out: RunRecord[] = [];
  for (const f of recordFiles(root).reverse()) {
    if (out.length >= limit) break;
    try {
      const r: unknown = JSON.parse(readFileSync(join(stateDir(root), 'runs', f), 'utf8'));
      if (runProblem(r) === null) out.push(r as RunRecord);
    } catch {
      /* a damaged record is not history */
    }
  }
  return out;
}

/** Whether a test of this image against this spec fingerprint passed in a recorded run. */
export function greenBefore(
  history: readonly RunRecord[],
  imageId: string,
  specFingerprint: string,
): string | null {
  for (const r of history)
    for (const s of r.stages)
      if (
        s.build.imageId === imageId &&
        s.test.specFingerprint === specFingerprint &&
        (s.test.status === 'passed' || s.test.status === 'cached')
      )
        return r.id;
  return null;
}
