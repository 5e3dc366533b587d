import { EnvironmentError } from '../core/errors.js';
import { externalImages } from '../dockerfile/graph.js';
import { resolveCa } from '../engine/ca.js';
import { type EnsuredImage, ensureImages, imageIdentity } from '../engine/images.js';
import type { StageFingerprint } from '../plan/fingerprint.js';
import { projectFingerprints } from '../plan/on-disk.js';
import { type SourceInfo, sourceInfo } from '../project/git.js';
import type { Project } from '../project/project.js';
import type { BuildDeps, BuildOptions } from './types.js';

/**
 * The thin layer that gathers, once per run, what every stage build shares — the engine (base images made
 * present, their identities), the files (the CA bundle), git (provenance for the labels) and the fingerprints —
 * and hands the builds plain data.
 */
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
