import { buildOrder } from '../dockerfile/graph.js';
import { dockerBuild } from '../engine/docker-build.js';
import type { Project } from '../project/project.js';
import { type BuildSession, openBuildSession } from './session.js';
import {
  type BuildDeps,
  type BuildOptions,
  type BuildReport,
  FINGERPRINT_LABEL,
  type StageResult,
  stageTag,
} from './types.js';

export { type BuildSession, openBuildSession } from './session.js';
export * from './types.js';

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
