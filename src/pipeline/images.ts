import type Docker from 'dockerode';
import type { LayerRecord } from '../history/record.js';
import { FINGERPRINT_LABEL } from '../stages/build-stages.js';

/** The images slipway built, by the fingerprint they carry (one engine call for all of them). */
export async function imagesByFingerprint(
  docker: Docker,
): Promise<Map<string, { id: string; sizeBytes: number }>> {
  const list = await docker.listImages({ filters: JSON.stringify({ label: [FINGERPRINT_LABEL] }) });
  const out = new Map<string, { id: string; sizeBytes: number; created: number }>();
  for (const i of list) {
    const fp = i.Labels?.[FINGERPRINT_LABEL];
    if (!fp) continue;
    const known = out.get(fp);
    // The same content built twice: the newest image stands for it.
    if (!known || i.Created > known.created) out.set(fp, { id: i.Id, sizeBytes: i.Size, created: i.Created });
  }
  return new Map([...out].map(([fp, v]) => [fp, { id: v.id, sizeBytes: v.sizeBytes }]));
}

/** The image's layers, oldest first: the instruction that made each and its size. */
export async function imageLayers(docker: Docker, imageId: string): Promise<LayerRecord[]> {
  const history = (await docker.getImage(imageId).history()) as { CreatedBy: string; Size: number }[];
  return history
    .map((h) => ({
      instruction: h.CreatedBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
        .replace(/^\/bin\/sh -c /, 'RUN ')
        .replace(/ # buildkit$/, ''),
      sizeBytes: h.Size,
    }))
    .reverse();
}
