import type { RunRecord, StageRecord } from '../../src/history/record.js';

/** A stage record with sensible defaults: built, tested green, no layers. */
export function stageRecord(
  name: string,
  o: {
    action?: StageRecord['action'];
    reasons?: StageRecord['reasons'];
    build?: Partial<StageRecord['build']>;
    test?: Partial<StageRecord['test']>;
  } = {},
): StageRecord {
  return {
    name,
    action: o.action ?? 'build',
    reasons: o.reasons ?? [{ kind: 'changed', text: `inputs of ${name} changed` }],
    fingerprint: `fp-${name}`,
    build: {
      status: 'built',
      imageId: `sha256:${name}`,
      sizeBytes: 10e6,
      durationMs: 1200,
      stepsRun: 2,
      stepsCached: 1,
      layers: [],
      failure: null,
      ...o.build,
    },
    test: {
      status: 'passed',
      specFingerprint: `spec-${name}`,
      count: 3,
      failed: 0,
      skipped: 0,
      durationMs: 800,
      failures: [],
      ...o.test,
    },
  };
}

/** A pipeline run record of these stages. */
export function runRecord(id: string, stages: StageRecord[], o: Partial<RunRecord> = {}): RunRecord {
  return {
    schema: 1,
    id,
    kind: 'pipeline',
    startedAt: '2026-11-25T10:00:00.000Z',
    durationMs: 42_000,
    ok: stages.every((s) => s.build.status !== 'failed' && s.test.status !== 'failed'),
    source: { revision: 'abc1234def5678', branch: 'main', dirty: false },
    plan: { base: 'main~1', head: 'abc1234', buildOrder: stages.map((s) => s.name) },
    stages,
    smoke: null,
    ...o,
  };
}
