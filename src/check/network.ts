/**
 * The network a test target joins (`test.<stage>.network`): an existing one by name, or one slipway creates
 * for the run — labelled with the session, with a pinned subnet and `internal` when asked — holding named
 * companion containers (an httpbin, a database) started before the target and reachable from it by name.
 * Everything created is removed by `close()`, and on SIGINT by the session's sweep (it is all labelled).
 */
import type Docker from 'dockerode';
import type { TestNetwork } from '../config/config.js';
import { EnvironmentError, errorMessage, UserError } from '../core/errors.js';
import { sessionLabels } from '../engine/session.js';

export interface NetworkHandle {
  /** The network to run the target on, or null for the engine's default. */
  name: string | null;
  close(): Promise<void>;
}

const NONE: NetworkHandle = { name: null, close: async () => undefined };

export async function openNetwork(
  docker: Docker,
  spec: string | TestNetwork | undefined,
  session: string,
  opts: { healthTimeoutMs?: number } = {},
): Promise<NetworkHandle> {
  if (spec === undefined) return NONE;
  if (typeof spec === 'string') {
    try {
      await docker.getNetwork(spec).inspect();
    } catch {
      throw new UserError(`network '${spec}' does not exist`, {
        hint: 'name an existing network (docker network ls), or let slipway create one: network: { companions: [...] }',
      });
    }
    return { name: spec, close: async () => undefined };
  }
  for (const c of spec.companions)
    await docker
      .getImage(c.image)
      .inspect()
      .catch(() => {
        throw new UserError(`companion '${c.name}': image ${c.image} is not in the engine`, {
          hint: `build or pull it first (docker image ls ${c.image.split(':')[0]})`,
        });
      });
  const name = spec.name ?? `slipway-${session}`;
  if (
    spec.name &&
    (await docker
      .getNetwork(spec.name)
      .inspect()
      .then(
        () => true,
        () => false,
      ))
  )
    throw new UserError(`network '${spec.name}' already exists`, {
      hint: `to join it, write network: ${spec.name}; to have slipway create one, choose another name or leave name out`,
    });
  let network: Docker.Network;
  try {
    network = await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Internal: spec.internal,
      Labels: sessionLabels(session),
      ...(spec.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: spec.subnet }] } } : {}),
    });
  } catch (e) {
    throw new UserError(`the test network could not be created: ${cleanEngineError(e)}`, {
      ...(spec.subnet
        ? { hint: `another network may hold ${spec.subnet}: pick a free subnet (docker network ls)` }
        : {}),
    });
  }
  const started: Docker.Container[] = [];
  const close = async () => {
    await Promise.all(started.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
    await network.remove().catch(() => undefined);
  };
  try {
    for (const c of spec.companions) {
      const container = await docker.createContainer({
        Image: c.image,
        ...(c.cmd ? { Cmd: c.cmd } : {}),
        Env: Object.entries(c.env).map(([k, v]) => `${k}=${v}`),
        Labels: sessionLabels(session),
        HostConfig: { NetworkMode: name },
        NetworkingConfig: { EndpointsConfig: { [name]: { Aliases: [c.name] } } },
      });
      started.push(container);
      try {
        await container.start();
      } catch (e) {
        throw new EnvironmentError(
          `companion '${c.name}' (${c.image}) did not start: ${cleanEngineError(e)}`,
        );
      }
      await ready(container, c.name, opts.healthTimeoutMs ?? 60_000);
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { name, close };
}

/** Running, and healthy when its image declares a HEALTHCHECK. */
async function ready(c: Docker.Container, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await c.inspect()).State;
    if (!s.Running)
      throw new EnvironmentError(`companion '${name}' stopped: its command exited with code ${s.ExitCode}`);
    const health = (s as { Health?: { Status?: string } }).Health?.Status;
    if (health === undefined || health === 'healthy') return;
    if (Date.now() > deadline)
      throw new EnvironmentError(
        `companion '${name}' is not healthy after ${Math.round(timeoutMs / 1000)}s (${health})`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const cleanEngineError = (e: unknown): string =>
  errorMessage(e)
    .replace(/^\(HTTP code \d+\) [a-z ]+- /, '')
    .trim();
