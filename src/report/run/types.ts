import type {
  BudgetRecord,
  RecordReason,
  RunRecord,
  StageAction,
  StageRecord,
} from '../../history/record.js';
import type { ReportStatus } from './status.js';

/** The documented JSON behind every report format (docs/report.md). */
export const REPORT_SCHEMA = 1;

export interface ReportOptions {
  /** Which stages play the release and the base (config `roles`). */
  roles: { base: string; release: string };
  /** Whether the record is older than the working tree, as the caller found out (git, mtimes). */
  stale?: { stale: boolean; text: string } | null;
  /** How many of the largest layers of each stage are marked (default 3). */
  largestLayers?: number;
  /** How many earlier runs the history lists (default 10). */
  historyLength?: number;
}

export interface ReportLayer {
  instruction: string;
  sizeBytes: number;
  /** Against the same instruction's layer in the previous record of the stage; null without one. */
  deltaBytes: number | null;
  largest: boolean;
}

export interface ReportFailure {
  resourceType: string;
  resourceId: string;
  property: string;
  expected: string;
  found: string;
  /** The assertion as the terminal shows it. */
  text: string;
}

export interface ReportStage {
  name: string;
  status: ReportStatus;
  /** A short phrase with the status word: `tested: 12 passed`, `failed at [build 3/7] RUN npm ci`. */
  summary: string;
  /** Line of its FROM in the Dockerfile, when the model has the stage. */
  line: number | null;
  /** False for a stage of the Dockerfile that the record does not mention (shown as skipped). */
  recorded: boolean;
  action: StageAction | null;
  reasons: RecordReason[];
  because: string | null;
  build: {
    status: StageRecord['build']['status'] | null;
    durationMs: number;
    stepsRun: number;
    stepsCached: number;
    imageId: string | null;
    failure: StageRecord['build']['failure'];
  };
  size: {
    bytes: number | null;
    previousBytes: number | null;
    deltaBytes: number | null;
    previousRun: string | null;
  };
  layers: ReportLayer[];
  test: {
    status: StageRecord['test']['status'] | null;
    count: number;
    passed: number;
    failed: number;
    skipped: number;
    durationMs: number;
    failures: ReportFailure[];
    because: string | null;
  };
}

export interface ReportEdge {
  /** The stage (or external image) depended on. */
  from: string;
  to: string;
  via: 'from' | 'copy' | 'mount';
  fromImage: boolean;
}

export interface ReportRelease {
  stage: string;
  base: string;
  sizeBytes: number | null;
  baseBytes: number | null;
  /** What the release adds to the base: release − base. */
  artefactBytes: number | null;
  naiveBytes: number | null;
  /** release / naive single-stage image. */
  naiveRatio: number | null;
  budgets: BudgetRecord[];
}

export interface ReportData {
  schema: typeof REPORT_SCHEMA;
  run: Pick<RunRecord, 'id' | 'kind' | 'startedAt' | 'durationMs' | 'ok' | 'source'> & {
    plan: { base: string | null; head: string | null } | null;
  };
  stale: { stale: boolean; text: string | null };
  summary: Record<ReportStatus, number>;
  stages: ReportStage[];
  edges: ReportEdge[];
  images: string[];
  release: ReportRelease | null;
  budgets: BudgetRecord[];
  smoke: RunRecord['smoke'];
  history: { id: string; startedAt: string; ok: boolean; revision: string | null; failed: string[] }[];
}
