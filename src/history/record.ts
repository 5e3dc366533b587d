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
  /** A CI stage job's push: the repository, the image's digest, and the fingerprint tag it is known by. */
  shipped?: { registry: string; digest: string; ref: string };
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
    /** The Dockerfile steps that ran (not from the cache), as BuildKit names them (`[build 4/6] RUN npm ci`). */
    ran?: string[];
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
  /** The size budgets of slipway.yaml checked against this run (`checkBudgets`), when any are set. */
  budgets?: BudgetRecord[];
  /** A naive single-stage image of the same service, when a bench measured one (the release's yardstick). */
  naive?: { sizeBytes: number; dockerfile: string } | null;
}

/** A layer's size against the same instruction's layer in the previous run (0 when it is new). */
export interface LayerGrowth {
  instruction: string;
  sizeBytes: number;
  previousBytes: number;
  deltaBytes: number;
}

export interface BudgetRecord {
  stage: string;
  ok: boolean;
  /** One line: the stage, its size, the budget, and the layers that grew most. */
  message: string;
  kind?: 'maxSize' | 'maxGrowth';
  sizeBytes?: number | null;
  /** The previous recorded size the growth is measured from, and that run's id. */
  previousBytes?: number | null;
  previousRun?: string | null;
  /** The budget as written in slipway.yaml (`340MB`, `5%`). */
  limit?: string;
  /** The layers that grew most since the previous run, largest growth first. */
  grew?: LayerGrowth[];
}
