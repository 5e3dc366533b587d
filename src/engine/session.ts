import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { type Owner, ownerAlive, parseOwner, thisProcess } from './owner.js';

/**
 * Every container, network and volume slipway creates carries these labels; a sweep by label removes them.
 * - `managed` + `session`: short-lived (test targets, helpers, readers, smoke containers and volumes);
 * - `owner` (`host/pid/start`): the process that made them, so leftovers of a process that is gone (kill -9)
 *   are found and removed by the next command on the same host;
 * - `keep`: made to last (the dev container and its volumes): never swept, removed only when asked.
 */
export const SESSION_LABEL = 'dev.slipway.session';
export const MANAGED_LABEL = 'dev.slipway.managed';
export const OWNER_LABEL = 'dev.slipway.owner';
export const KEEP_LABEL = 'dev.slipway.keep';

export const newSessionId = (): string => `${process.pid}-${randomBytes(4).toString('hex')}`;

const ownerText = (o: Owner) => `${o.host}/${o.pid}/${o.start}`;

export const sessionLabels = (session: string): Record<string, string> => ({
  [MANAGED_LABEL]: 'true',
  [SESSION_LABEL]: session,
  [OWNER_LABEL]: ownerText(thisProcess()),
});

interface Labelled {
  kind: 'container' | 'network' | 'volume';
  id: string;
  labels: Record<string, string>;
}

/** Everything labelled as managed by slipway (optionally: only this session's). */
async function listManaged(docker: Docker, session?: string): Promise<Labelled[]> {
  const label = session ? `${SESSION_LABEL}=${session}` : `${MANAGED_LABEL}=true`;
  const filters = JSON.stringify({ label: [label] });
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
  ]);
  return [
    ...containers.map((c) => ({ kind: 'container' as const, id: c.Id, labels: c.Labels ?? {} })),
    ...networks.map((n) => ({ kind: 'network' as const, id: n.Id, labels: n.Labels ?? {} })),
    ...(volumes.Volumes ?? []).map((v) => ({
      kind: 'volume' as const,
      id: v.Name,
      labels: (v.Labels as Record<string, string> | null) ?? {},
    })),
  ];
}

/** Removes containers first (they hold networks and volumes), then networks, then volumes. */
async function removeAll(docker: Docker, items: readonly Labelled[]): Promise<number> {
  const remove: Record<Labelled['kind'], (id: string) => Promise<unknown>> = {
    container: (id) => docker.getContainer(id).remove({ force: true, v: true }),
    network: (id) => docker.getNetwork(id).remove(),
    volume: (id) => docker.getVolume(id).remove(),
  };
  let removed = 0;
  for (const kind of ['container', 'network', 'volume'] as const) {
    const done = await Promise.all(
      items
        .filter((i) => i.kind === kind)
        .map((i) =>
          remove[kind](i.id).then(
            () => true,
            () => false,
          ),
        ),
    );
    removed += done.filter(Boolean).length;
  }
  return removed;
}

/** Removes everything a session created (or, with no session, everything slipway manages). */
export async function sweep(docker: Docker, session?: string): Promise<number> {
  return removeAll(docker, await listManaged(docker, session));
}

/**
 * Removes the short-lived leftovers of sessions whose process is gone on this host (killed with -9, a
 * crashed machine): what is kept on purpose, what another host made, and live processes' things stay.
 */
export async function sweepStale(docker: Docker, alive = ownerAlive): Promise<number> {
  const stale = (await listManaged(docker)).filter((i) => {
    if (i.labels[KEEP_LABEL] === 'true') return false;
    const owner = parseOwner(i.labels[OWNER_LABEL], i.labels[SESSION_LABEL]);
    return owner !== null && alive(owner) === false;
  });
  return removeAll(docker, stale);
}

/**
 * What `slipway clean` removes: every short-lived resource slipway manages but those of sessions still
 * running on this host (a pipeline in another terminal is not a leftover) — so also another host's, whose
 * liveness cannot be told from here — and the kept ones (dev containers and volumes) only when asked.
 */
export async function sweepAll(
  docker: Docker,
  opts: { keep: boolean; except?: string },
  alive = ownerAlive,
): Promise<number> {
  const items = (await listManaged(docker)).filter((i) => {
    if (!opts.keep && i.labels[KEEP_LABEL] === 'true') return false;
    if (opts.except && i.labels[SESSION_LABEL] === opts.except) return false;
    if (i.labels[KEEP_LABEL] === 'true') return true; // kept ones belong to no running session
    const owner = parseOwner(i.labels[OWNER_LABEL], i.labels[SESSION_LABEL]);
    return owner === null || alive(owner) !== true;
  });
  return removeAll(docker, items);
}
