/**
 * The shape a run record must have before anything reads it (docs/run-record.md): a carried file or a
 * history entry that is JSON of the right schema but lacks fields is refused with the first field that is
 * wrong, instead of failing somewhere inside the report. Shallow where readers are tolerant (reasons,
 * layers, failures are arrays of objects; their fields are read defensively by the formatters).
 */
import { RECORD_SCHEMA } from './record.js';

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const obj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const orNull =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);
const arrayOf =
  (c: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(c);

/** The first field of `x` that is missing or of the wrong type, as `path: expected …`; null when none. */
function fields(
  x: Record<string, unknown>,
  spec: Record<string, [Check, string]>,
  at: string,
): string | null {
  for (const [key, [check, what]] of Object.entries(spec))
    if (!check(x[key])) return `${at}${key}: expected ${what}`;
  return null;
}

const BUILD: Record<string, [Check, string]> = {
  status: [str, 'a string (built, cached, failed, skipped)'],
  imageId: [orNull(str), 'an image id or null'],
  sizeBytes: [orNull(num), 'a number or null'],
  durationMs: [num, 'a number'],
  layers: [arrayOf(obj), 'a list of layers'],
};
const TEST: Record<string, [Check, string]> = {
  status: [str, 'a string (passed, failed, cached, skipped, none)'],
  count: [num, 'a number'],
  failed: [num, 'a number'],
  failures: [arrayOf(obj), 'a list of failures'],
};

/** Why `x` is not a stage record; null when it is one. */
export function stageProblem(x: unknown, at = ''): string | null {
  if (!obj(x)) return `${at || 'the stage'}: expected an object`;
  const top = fields(
    x,
    {
      name: [str, 'the stage name'],
      action: [str, 'build, test or skip'],
      reasons: [arrayOf(obj), 'a list of reasons'],
      build: [obj, 'the build result'],
      test: [obj, 'the test result'],
    },
    at,
  );
  return (
    top ??
    fields(x.build as Record<string, unknown>, BUILD, `${at}build.`) ??
    fields(x.test as Record<string, unknown>, TEST, `${at}test.`)
  );
}

/** Why `x` is not a run record of this schema; null when it is one. */
export function runProblem(x: unknown): string | null {
  if (!obj(x)) return 'expected a JSON object';
  if (x.schema !== RECORD_SCHEMA) return `schema: expected ${RECORD_SCHEMA}`;
  const top = fields(
    x,
    {
      id: [str, 'the run id'],
      kind: [str, 'pipeline or ci-job'],
      startedAt: [str, 'a timestamp'],
      durationMs: [num, 'a number'],
      ok: [bool, 'true or false'],
      source: [obj, '{revision, branch, dirty}'],
      plan: [orNull(obj), 'the plan or null'],
      stages: [Array.isArray, 'a list of stage records'],
      smoke: [(v) => v === undefined || v === null || obj(v), 'the smoke run or null'],
    },
    '',
  );
  if (top) return top;
  const source = x.source as Record<string, unknown>;
  if (!orNull(str)(source.revision)) return 'source.revision: expected a commit id or null';
  for (const [i, s] of (x.stages as unknown[]).entries()) {
    const p = stageProblem(s, `stages[${i}].`);
    if (p) return p;
  }
  return null;
}
