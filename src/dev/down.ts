import type Docker from 'dockerode';
import { ownContainer } from './find.js';
import type { DevSettings } from './settings.js';
import { stopAndRemove } from './up.js';
import { ownVolumes, removeVolumes } from './volumes.js';

export interface DownResult {
  container: string | null;
  volumes: string[];
  /** Volumes kept (without --volumes). */
  kept: string[];
}

/**
 * `slipway dev down`: removes this checkout's dev container, and with `volumes` its volumes; nothing else
 * (not the image, not another checkout's container, not anything slipway did not make).
 */
export async function devDown(
  docker: Docker,
  s: DevSettings,
  opts: { volumes: boolean },
): Promise<DownResult> {
  const info = await ownContainer(docker, s);
  if (info) await stopAndRemove(docker.getContainer(info.Id));
  const vols = (await ownVolumes(docker, s)).map((v) => v.Name);
  if (!opts.volumes) return { container: info ? s.name : null, volumes: [], kept: vols };
  return { container: info ? s.name : null, volumes: await removeVolumes(docker, vols), kept: [] };
}
