import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';

/** Every container, network and volume slipway creates carries these labels; a sweep by label removes them. */
export const SESSION_LABEL = 'dev.slipway.session';
export const MANAGED_LABEL = 'dev.slipway.managed';

export const newSessionId = (): string => `${process.pid}-${randomBytes(4).toString('hex')}`;

export const sessionLabels = (session: string): Record<string, string> => ({
  [MANAGED_LABEL]: 'true',
  [SESSION_LABEL]: session,
});

/** Removes everything a session created (or, with no session, everything slipway manages). */
export async function sweep(docker: Docker, session?: string): Promise<number> {
  const label = session ? `${SESSION_LABEL}=${session}` : `${MANAGED_LABEL}=true`;
  const filters = JSON.stringify({ label: [label] });
  let removed = 0;
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map(async (c) => {
      await docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined);
      removed++;
    }),
  );
  const networks = await docker.listNetworks({ filters });
  for (const n of networks) {
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
    removed++;
  }
  const { Volumes } = await docker.listVolumes({ filters });
  for (const v of Volumes ?? []) {
    await docker
      .getVolume(v.Name)
      .remove()
      .catch(() => undefined);
    removed++;
  }
  return removed;
}
