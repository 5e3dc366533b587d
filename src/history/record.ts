/**
 * The run record: what one pipeline (or one CI stage job) did, as documented JSON (docs/run-record.md).
 * Written by the pipeline into the repository's history (`.slipway/runs/`), read back to skip green work,
 * by `slipway report`, and carried between CI jobs as artifacts.
 */
export const RECORD_SCHEMA = 1;

export type StageAction = 'build' | 'test' | 'skip';

export interface RecordReason {
  kind: string;
  text: string;
  file?: string;
  line?: number;
  arg?: string;
  stage?: string;
}

export interface LayerRecord {
  instruction: string;
  sizeBytes: number;
}

export interface FailedAssertion {
  resourceType: string;
  resourceId: string;
  property: string;
  expected: string;
  found: string;
  message: string | null;
  /** The failure as the terminal shows it (goss's wording). */
  summary?: string;
}

export interface StageRecord {
  name: string;
  /** What the plan decided, and why (the plan's reasons, plus the fingerprint's own). */
  action: StageAction;
  reasons: RecordReason[];
  fingerprint: string;
  build: {
    /** built now; cached = an image of this fingerprint was there; failed; skipped (not needed or blocked). */
    status: 'built' | 'cached' | 'failed' | 'skipped';
    imageId: string | null;
    sizeBytes: number | null;
    durationMs: number;
    stepsRun: number;
    stepsCached: number;
    layers: LayerRecord[];
    failure: { step: string; message: string; logTail: string[] } | null;
    because?: string;
  };
  test: {
    /** passed/failed now; cached = green before for this image and spec fingerprint; none = no spec. */
    status: 'passed' | 'failed' | 'cached' | 'skipped' | 'none';
    specFingerprint: string | null;
    count: number;
    failed: number;
    skipped: number;
    durationMs: number;
    failures: FailedAssertion[];
    because?: string;
  };
}

export interface RunRecord {
  schema: typeof RECORD_SCHEMA;
  id: string;
  kind: 'pipeline' | 'ci-job';
  startedAt: string;
  durationMs: number;
  ok: boolean;
  source: { revision: string | null; branch: string | null; dirty: boolean };
  plan: { base: string | null; head: string | null; buildOrder: string[] } | null;
  stages: StageRecord[];
  /** The smoke run of its stage's image; `cached` when it passed before for that image and was not run. */
  smoke: {
    stage: string;
    imageId: string;
    /** Hash of the smoke settings it ran with. */
    settings: string;
    ok: boolean;
    cached?: boolean;
    steps: { step: string; ok: boolean; message: string }[];
  } | null;
  budgets?: { stage: string; ok: boolean; message: string }[];
}
