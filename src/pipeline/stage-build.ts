import type Docker from 'dockerode';
import type { StageRecord } from '../history/record.js';
import type { Reason } from '../plan/plan-types.js';
import type { Project } from '../project/project.js';
import { type BuildSession, buildOne, stageTag } from '../stages/build-stages.js';
import { imageLayers } from './images.js';
import { stageRecordOf } from './records.js';

/** Builds a stage and records it: status, image, size, steps run and cached, its layers, the failure. */
export async function buildRecorded(
  b: BuildSession,
  stage: string,
  reasons: Reason[],
  extra: Parameters<typeof buildOne>[2] = {},
): Promise<StageRecord> {
  const r = await buildOne(b, stage, extra);
  return stageRecordOf(stage, b.fingerprints.get(stage)?.fingerprint ?? null, reasons, {
    status: r.status === 'built' ? 'built' : 'failed',
    imageId: r.imageId,
    sizeBytes: r.sizeBytes,
    durationMs: r.durationMs,
    stepsRun: r.executed.length,
    stepsCached: r.cached.length,
    ran: r.executed,
    layers: r.imageId ? await imageLayers(b.deps.docker, r.imageId) : [],
    failure: r.failure,
  });
}

/**
 * An image that already has the stage's content (found by fingerprint, or pulled from the registry) becomes
 * `<image>:<stage>` again: nothing is built, the record says `cached`.
 */
export async function adoptImage(
  docker: Docker,
  p: Project,
  stage: string,
  fingerprint: string | null,
  image: string,
  reasons: Reason[],
): Promise<StageRecord> {
  const t0 = Date.now();
  const info = await docker.getImage(image).inspect();
  const tag = stageTag(p, stage);
  const at = tag.lastIndexOf(':');
  await docker.getImage(info.Id).tag({ repo: tag.slice(0, at), tag: tag.slice(at + 1) });
  return stageRecordOf(stage, fingerprint, reasons, {
    status: 'cached',
    imageId: info.Id,
    sizeBytes: info.Size,
    durationMs: Date.now() - t0,
    layers: await imageLayers(docker, info.Id),
  });
}
