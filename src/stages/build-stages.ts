import type Docker from 'dockerode';
import type { Diagnostic } from '../core/diagnostics.js';
import { EnvironmentError } from '../core/errors.js';
import { buildOrder, externalImages } from '../dockerfile/graph.js';
import { resolveCa } from '../engine/ca.js';
import type { BuildClient } from '../engine/client.js';
import { type BuildFailure, dockerBuild } from '../engine/docker-build.js';
import { type EnsuredImage, ensureImages, imageIdentity } from '../engine/images.js';
import type { StageFingerprint } from '../plan/fingerprint.js';
import { projectFingerprints } from '../plan/on-disk.js';
import { type SourceInfo, sourceInfo } from '../project/git.js';
import type { Project } from '../project/project.js';

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

/** What every stage build of one run shares: the base images made present, the CA secret, provenance. */
export interface BuildSession {
  p: Project;
  deps: BuildDeps;
  opts: BuildOptions;
  images: EnsuredImage[];
  ca: { file: string; from: string } | null;
  src: SourceInfo;
  /** Each external image the stages use → its image ID (what fingerprints are computed over). */
  imageIds: Record<string, string>;
  /** Each stage's content fingerprint (docs/plan.md#fingerprints); images carry it as a label. */
  fingerprints: Map<string, StageFingerprint>;
}

export const FINGERPRINT_LABEL = 'dev.slipway.fingerprint';

/** Makes the external images of `stages` present (local, pulled or made) and resolves the CA bundle. */
export async function openBuildSession(
  p: Project,
  stages: readonly string[],
  deps: BuildDeps,
  opts: BuildOptions = {},
): Promise<BuildSession> {
  const note = (message: string) => deps.onEvent({ type: 'note', message });
  if (opts.builder && deps.client.mode !== 'buildx')
    throw new EnvironmentError(
      `--builder ${opts.builder} needs the buildx plugin; ${deps.client.bin} (docker ${deps.client.version}) builds with the BuildKit built into the engine and has no builders`,
      'install the buildx plugin (docker-buildx-plugin) and create the builder (docker buildx create --name NAME --driver remote|kubernetes|docker-container …), or build without --builder',
    );
  const images = await ensureImages(deps.docker, externalImages(p.model, stages), {
    dockerBin: deps.client.bin,
    onProgress: note,
  });
  const ca = resolveCa({ flag: opts.ca ?? null, config: p.config.ca });
  if (ca) note(`trusting extra CA certificates from ${ca.from} (${ca.file}), as the build secret 'ca'`);
  const imageIds = Object.fromEntries(
    await Promise.all(images.map(async (i) => [i.ref, await imageIdentity(deps.docker, i.ref)] as const)),
  );
  const [src, fingerprints] = await Promise.all([
    sourceInfo(p.config.root),
    projectFingerprints(p, imageIds),
  ]);
  return { p, deps, opts, images, ca, src, imageIds, fingerprints };
}

export const skippedStage = (p: Project, stage: string): StageResult => ({
  stage,
  status: 'skipped',
  tag: stageTag(p, stage),
  durationMs: 0,
  imageId: null,
  sizeBytes: null,
  executed: [],
  cached: [],
  failure: null,
});

/** Builds one stage (`--target`), tagged `<image>:<stage>`, with the OCI labels and any `labels` given. */
export async function buildOne(
  b: BuildSession,
  stage: string,
  extra: { labels?: Record<string, string>; cacheFrom?: string[]; buildArgs?: Record<string, string> } = {},
): Promise<StageResult> {
  const { p, deps, src } = b;
  const tag = stageTag(p, stage);
  const fingerprint = b.fingerprints.get(stage)?.fingerprint ?? null;
  deps.onEvent({ type: 'stage-start', stage, tag });
  const outcome = await dockerBuild({
    client: deps.client,
    dockerfile: p.config.dockerfile,
    context: p.config.context,
    target: stage,
    tags: [tag],
    labels: {
      'org.opencontainers.image.created': src.created,
      ...(src.revision ? { 'org.opencontainers.image.revision': src.revision } : {}),
      ...(src.source ? { 'org.opencontainers.image.source': src.source } : {}),
      'org.opencontainers.image.title': `${p.config.image} (${stage})`,
      'dev.slipway.stage': stage,
      ...(fingerprint ? { [FINGERPRINT_LABEL]: fingerprint } : {}),
      ...extra.labels,
    },
    buildArgs: { ...p.config.buildArgs, ...extra.buildArgs },
    secrets: b.ca ? [{ id: 'ca', src: b.ca.file }] : [],
    noCache: b.opts.noCache ?? false,
    ...(b.opts.builder ? { builder: b.opts.builder } : {}),
    ...(extra.cacheFrom?.length ? { cacheFrom: extra.cacheFrom } : {}),
    onLine: (line) => deps.onEvent({ type: 'log', stage, line }),
  });
  const sizeBytes = outcome.imageId
    ? ((await deps.docker.getImage(outcome.imageId).inspect()).Size ?? null)
    : null;
  const result: StageResult = {
    stage,
    status: outcome.ok ? 'built' : 'failed',
    tag,
    durationMs: outcome.durationMs,
    imageId: outcome.imageId,
    sizeBytes,
    executed: outcome.executed,
    cached: outcome.cached,
    failure: outcome.failure,
  };
  deps.onEvent({ type: 'stage-end', result });
  return result;
}

/**
 * Builds the given stages (dependencies first) with BuildKit and tags `<image>:<stage>`. Stops at the first
 * failure: later stages are reported `skipped`. Everything comes back as data.
 */
export async function buildStages(
  p: Project,
  stages: readonly string[],
  deps: BuildDeps,
  opts: BuildOptions = {},
): Promise<BuildReport> {
  const order = buildOrder(p.model, stages).filter((k) => stages.includes(k));
  const b = await openBuildSession(p, stages, deps, opts);
  const results: StageResult[] = [];
  let failed = false;
  for (const stage of order) {
    const result: StageResult = failed ? skippedStage(p, stage) : await buildOne(b, stage);
    failed ||= result.status === 'failed';
    results.push(result);
  }
  return { ok: !failed, images: b.images, stages: results, ca: b.ca?.file ?? null };
}
