import type Docker from 'dockerode';
import type { Diagnostic } from '../core/diagnostics.js';
import type { BuildClient } from '../engine/client.js';
import type { BuildFailure } from '../engine/docker-build.js';
import type { EnsuredImage } from '../engine/images.js';
import type { Project } from '../project/project.js';

/** What building stages takes and gives: plain data, shared by the session that gathers and the runs. */
export type StageStatus = 'built' | 'failed' | 'skipped';

export interface StageResult {
  stage: string;
  status: StageStatus;
  tag: string;
  durationMs: number;
  imageId: string | null;
  sizeBytes: number | null;
  executed: string[];
  cached: string[];
  failure: BuildFailure | null;
}

export interface BuildReport {
  ok: boolean;
  images: EnsuredImage[];
  stages: StageResult[];
  ca: string | null;
}

export type BuildEvent =
  | { type: 'note'; message: string }
  /** A located problem found on the way (a spec warning), printed as `file:line:col: severity CODE ...`. */
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  | { type: 'stage-start'; stage: string; tag: string }
  | { type: 'log'; stage: string; line: string }
  | { type: 'stage-end'; result: StageResult };

export interface BuildDeps {
  client: BuildClient;
  docker: Docker;
  onEvent: (e: BuildEvent) => void;
}

export interface BuildOptions {
  ca?: string | null;
  noCache?: boolean;
  /** A buildx builder to build with (`docker buildx build --builder NAME`). */
  builder?: string;
}

export const stageTag = (p: Project, stage: string): string => `${p.config.image}:${stage}`;

/** The label every image slipway builds carries: the content fingerprint of its stage. */
export const FINGERPRINT_LABEL = 'dev.slipway.fingerprint';
