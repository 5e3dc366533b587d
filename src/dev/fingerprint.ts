import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { buildOrder, externalImages } from '../dockerfile/graph.js';
import { readContextInputs } from '../project/inputs.js';
import type { Project } from '../project/project.js';

/**
 * The dev stage's content fingerprint: `sha256:<hex>` that changes when the stage's instructions, build
 * args, context inputs or base images (or those of a stage it is built from) change; null when an image it
 * needs is not in the engine (then it cannot be known before building). `dev up` looks for an image labelled
 * with it, builds when there is none, and `status` compares it with the running container's image.
 */
export type DevFingerprinter = (
  p: Project,
  stage: string,
  images: Readonly<Record<string, string>>,
) => Promise<string | null>;

/** Each external image the stage needs → its image ID in the engine (missing ones are left out). */
export async function externalImageIds(
  docker: Docker,
  p: Project,
  stage: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const ref of externalImages(p.model, [stage])) {
    const id = await docker
      .getImage(ref)
      .inspect()
      .then((i) => i.Id)
      .catch(() => null);
    if (id) out[ref] = id;
  }
  return out;
}

/**
 * STAND-IN until plan/'s `stageFingerprints` lands on main (then `planFingerprint` replaces it): the text of
 * the stage and the stages it needs, the global ARGs and build args, the bytes of every context file they
 * read, and the base images' IDs.
 */
export const provisionalFingerprint: DevFingerprinter = async (p, stage, images) => {
  const order = buildOrder(p.model, [stage]);
  const needed = externalImages(p.model, [stage]);
  if (needed.some((r) => !images[r])) return null;
  const lines = readFileSync(p.config.dockerfile, 'utf8').split('\n');
  const inputs = readContextInputs(p);
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: 'provisional-1', args: p.model.globalArgs.map((a) => [a.name, a.value]) }));
  h.update(JSON.stringify(Object.entries(p.config.buildArgs).sort()));
  h.update(JSON.stringify(needed.map((r) => [r, images[r]])));
  for (const key of order) {
    const s = p.model.stages.find((x) => x.key === key);
    if (!s) continue;
    h.update(`\0stage ${key}\0${lines.slice(s.line - 1, s.endLine).join('\n')}`);
    for (const f of inputs.get(key) ?? []) {
      h.update(`\0file ${f}\0`);
      h.update(readFileSync(join(p.config.context, f)));
    }
  }
  return `sha256:${h.digest('hex')}`;
};
