import type Docker from 'dockerode';
import type { Project } from '../project/project.js';
import {
  type BuildDeps,
  type BuildOptions,
  buildOne,
  FINGERPRINT_LABEL,
  openBuildSession,
  type StageResult,
} from '../stages/build-stages.js';
import { type DevFingerprinter, externalImageIds } from './fingerprint.js';
import type { ImageDefaults } from './settings.js';

export type DevImage =
  | { ok: true; id: string; fingerprint: string | null; built: StageResult | null }
  | { ok: false; built: StageResult };

/** The dev stage's fingerprint now (null when a base image it needs is not in the engine yet). */
export async function currentFingerprint(
  docker: Docker,
  p: Project,
  stage: string,
  fingerprint: DevFingerprinter,
): Promise<string | null> {
  return fingerprint(p, stage, await externalImageIds(docker, p, stage));
}

/** An image of this project's stage labelled with this fingerprint, newest first. */
export async function imageWithFingerprint(
  docker: Docker,
  p: Project,
  stage: string,
  fp: string,
): Promise<string | null> {
  const list = await docker.listImages({
    filters: JSON.stringify({ label: [`${FINGERPRINT_LABEL}=${fp}`, `dev.slipway.stage=${stage}`] }),
  });
  const mine = list
    .filter((i) => i.Labels?.['org.opencontainers.image.title'] === `${p.config.image} (${stage})`)
    .sort((a, b) => b.Created - a.Created);
  return mine[0]?.Id ?? null;
}

/**
 * The image to run: the one built for the dev stage's current fingerprint when there is one (nothing is
 * built), else a build of the stage through the same build as `slipway build`, labelled with the
 * fingerprint. `rebuild` builds in any case (BuildKit's cache keeps that quick when nothing changed).
 */
export async function devImage(
  p: Project,
  stage: string,
  deps: BuildDeps & { fingerprint: DevFingerprinter },
  opts: BuildOptions & { rebuild?: boolean } = {},
): Promise<DevImage> {
  let fp = await currentFingerprint(deps.docker, p, stage, deps.fingerprint);
  if (fp && !opts.rebuild) {
    const id = await imageWithFingerprint(deps.docker, p, stage, fp);
    if (id) return { ok: true, id, fingerprint: fp, built: null };
  }
  const session = await openBuildSession(p, [stage], deps, opts);
  // The base images are present now (a fingerprint unknown before is known); buildOne labels the image with it.
  fp = session.fingerprints.get(stage)?.fingerprint ?? null;
  const built = await buildOne(session, stage);
  if (built.status !== 'built' || !built.imageId) return { ok: false, built };
  return { ok: true, id: built.imageId, fingerprint: fp, built };
}

/** The image's own WORKDIR and exposed ports (what BuildKit made of the Dockerfile and its base image). */
export async function imageDefaults(docker: Docker, image: string): Promise<ImageDefaults | undefined> {
  const info = await docker
    .getImage(image)
    .inspect()
    .catch(() => null);
  if (!info) return undefined;
  return { workdir: info.Config.WorkingDir || null, expose: Object.keys(info.Config.ExposedPorts ?? {}) };
}
