/** Run records carried from elsewhere (a CI run's per-job records, a run.json) and merged into one run. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { RECORD_SCHEMA, type RunRecord, type StageRecord } from './record.js';
import { loadHistory } from './store.js';
import { runProblem, stageProblem } from './validate.js';

const isStage = (x: unknown): x is StageRecord => stageProblem(x) === null;
const isRun = (x: unknown): x is RunRecord => runProblem(x) === null;

function readRecordFile(file: string): RunRecord | StageRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`cannot read the run record ${file}: ${(e as Error).message}`);
  }
  if (isRun(parsed) || isStage(parsed)) return parsed;
  const looksLikeRun = typeof parsed === 'object' && parsed !== null && 'schema' in parsed;
  const why = looksLikeRun ? runProblem(parsed) : stageProblem(parsed);
  throw new UserError(`${file} is not a slipway run record (schema ${RECORD_SCHEMA}): ${why}`, {
    hint: 'pass the .slipway/records directory the CI jobs wrote, or a run.json',
  });
}

/**
 * The parts of one run that CI jobs carried (each job's `.slipway/records/<stage>.json`: a run record of its
 * stages, or a bare stage record) merged into one record: every stage (a later file's stage replaces an
 * earlier one of the same name), the earliest start, the latest end, ok only if every part was ok.
 */
export function mergeRecords(parts: readonly (RunRecord | StageRecord)[]): RunRecord {
  const runs = parts.filter(isRun);
  const stages = new Map<string, StageRecord>();
  for (const p of parts) for (const s of isRun(p) ? p.stages : [p as StageRecord]) stages.set(s.name, s);
  const starts = runs.map((r) => Date.parse(r.startedAt)).filter(Number.isFinite);
  const ends = runs.map((r) => Date.parse(r.startedAt) + r.durationMs).filter(Number.isFinite);
  const start = starts.length ? Math.min(...starts) : 0;
  const failed = [...stages.values()].some((s) => s.build.status === 'failed' || s.test.status === 'failed');
  const budgets = runs.flatMap((r) => r.budgets ?? []);
  const ids = new Set(runs.map((r) => r.id));
  return {
    schema: RECORD_SCHEMA,
    id:
      ids.size === 1
        ? ([...ids][0] as string)
        : `merged-${new Date(start).toISOString().replace(/[:.]/g, '-')}`,
    kind: runs.length === 1 ? (runs[0] as RunRecord).kind : 'ci-job',
    startedAt: new Date(start).toISOString(),
    durationMs: ends.length ? Math.max(...ends) - start : 0,
    ok: !failed && runs.every((r) => r.ok),
    source: runs.find((r) => r.source.revision)?.source ??
      runs[0]?.source ?? { revision: null, branch: null, dirty: false },
    plan: runs.find((r) => r.plan)?.plan ?? null,
    stages: [...stages.values()],
    smoke: runs.find((r) => r.smoke)?.smoke ?? null,
    ...(budgets.length ? { budgets } : {}),
    ...(runs.find((r) => r.naive)?.naive ? { naive: runs.find((r) => r.naive)?.naive ?? null } : {}),
  };
}

/** `--records PATH`: a run record file, or a directory of per-job records merged into one run. */
export function readRecords(path: string): RunRecord {
  let dir = false;
  try {
    dir = statSync(path).isDirectory();
  } catch {
    throw new UserError(`no run records at ${path}`, {
      hint: 'run slipway pipeline first, or pass the records the CI jobs carried',
    });
  }
  if (!dir) {
    const one = readRecordFile(path);
    return isRun(one) ? one : mergeRecords([one]);
  }
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (!files.length)
    throw new UserError(`no run records (*.json) in ${path}`, {
      hint: 'run slipway pipeline first, or pass the records the CI jobs carried',
    });
  return mergeRecords(files.map((f) => readRecordFile(join(path, f))));
}

/**
 * The records a report or `graph --status` reads, newest first: the `--records` run followed by the local
 * history, or the local history (`.slipway/runs`) alone. None is a user error (exit 2) with the way out.
 */
export function recordsFor(root: string, recordsPath: string | undefined): RunRecord[] {
  const history = loadHistory(root);
  if (recordsPath) return [readRecords(recordsPath), ...history];
  if (!history.length)
    throw new UserError('no recorded run in .slipway/runs', {
      hint: 'run slipway pipeline first (it records each run), or pass --records DIR with the records a CI run carried',
    });
  return history;
}

/** The bench's measure of a naive single-stage image (`.slipway/bench.json`, written by bench/build.ts). */
export function benchNaive(root: string): RunRecord['naive'] {
  try {
    const b = JSON.parse(readFileSync(join(root, '.slipway', 'bench.json'), 'utf8')) as {
      naive?: { sizeBytes?: unknown; dockerfile?: unknown };
    };
    const n = b.naive;
    return n && typeof n.sizeBytes === 'number' && typeof n.dockerfile === 'string'
      ? { sizeBytes: n.sizeBytes, dockerfile: n.dockerfile }
      : null;
  } catch {
    return null;
  }
}
