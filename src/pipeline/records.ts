import type { CheckReport, CheckResult } from '../check/check-image.js';
import type { StageRecord } from '../history/record.js';
import type { Reason } from '../plan/plan-types.js';

/** A stage's record before anything happened to it: skipped, no test. */
export function emptyStage(name: string, fingerprint: string | null): StageRecord {
  return {
    name,
    action: 'skip',
    reasons: [],
    fingerprint: fingerprint ?? '',
    build: {
      status: 'skipped',
      imageId: null,
      sizeBytes: null,
      durationMs: 0,
      stepsRun: 0,
      stepsCached: 0,
      layers: [],
      failure: null,
    },
    test: {
      status: 'none',
      specFingerprint: null,
      count: 0,
      failed: 0,
      skipped: 0,
      durationMs: 0,
      failures: [],
    },
  };
}

/** A stage's record with what its build step gave (built, cached or failed). */
export function stageRecordOf(
  name: string,
  fingerprint: string | null,
  reasons: Reason[],
  build: Partial<StageRecord['build']> & Pick<StageRecord['build'], 'status'>,
): StageRecord {
  const s = emptyStage(name, fingerprint);
  return {
    ...s,
    action: build.status === 'built' || build.status === 'failed' ? 'build' : 'skip',
    reasons,
    build: { ...s.build, ...build },
  };
}

/** A stage that did not run, and why (a failed dependency, stopped after a failure). */
export function blockedStage(name: string, fingerprint: string | null, because: string): StageRecord {
  const s = emptyStage(name, fingerprint);
  return { ...s, build: { ...s.build, because }, test: { ...s.test, status: 'skipped', because } };
}

/** The test part of a record from a check report; `describe` words a failure as the terminal does. */
export function testRecord(
  t: CheckReport,
  specFp: string,
  describe?: (r: CheckResult) => string,
): StageRecord['test'] {
  const failed = t.results.filter((r) => r.outcome === 'fail');
  return {
    status: t.ok ? 'passed' : 'failed',
    specFingerprint: specFp,
    count: t.results.length,
    failed: failed.length,
    skipped: t.results.filter((r) => r.outcome === 'skip').length,
    durationMs: t.durationMs,
    failures: failed.map((r) => ({
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      property: r.property,
      expected: r.expected,
      found: typeof r.found === 'string' ? r.found : JSON.stringify(r.found),
      message: r.message,
      ...(describe ? { summary: describe(r) } : {}),
    })),
  };
}
