import type Docker from 'dockerode';
import { externalImages } from '../dockerfile/graph.js';
import { imageIdentities } from '../engine/images.js';
import { projectFingerprints } from '../plan/on-disk.js';
import type { Project } from '../project/project.js';

/**
 * The dev stage's content fingerprint (plan/, docs/plan.md#fingerprints): `sha256:<hex>` that changes when
 * the stage's instructions, build args, context inputs or base images (or those of a stage it is built
 * from) change; null when an image it needs is not in the engine (then it cannot be known before building).
 * `dev up` looks for an image labelled with it and builds when there is none; `status` compares it with the
 * running container's image. Injected, so tests can give their own.
 */
export type DevFingerprinter = (
  p: Project,
  stage: string,
  images: Readonly<Record<string, string>>,
) => Promise<string | null>;

/** The same fingerprint `slipway build` and `slipway pipeline` label every stage image with. */
export const planFingerprint: DevFingerprinter = async (p, stage, images) =>
  (await projectFingerprints(p, images)).get(stage)?.fingerprint ?? null;

/**
 * Each external image the stage needs → what a fingerprint knows it by (imageIdentity: the registry digest
 * of a pulled image, else its ID — as the build labels it); missing ones are left out.
 */
export const externalImageIds = (
  docker: Docker,
  p: Project,
  stage: string,
): Promise<Record<string, string>> => imageIdentities(docker, externalImages(p.model, [stage]));
