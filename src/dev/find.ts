import type Docker from 'dockerode';
import { UserError } from '../core/errors.js';
import { MANAGED_LABEL } from '../engine/session.js';
import { CHECKOUT_LABEL, CHECKOUT_PATH_LABEL, DEV_LABEL } from './naming.js';
import type { DevSettings } from './settings.js';

/** What holds the dev container's name in the engine. */
export type Holder =
  | { kind: 'absent' }
  | { kind: 'ours'; info: Docker.ContainerInspectInfo }
  | { kind: 'other-checkout'; path: string }
  | { kind: 'foreign' };

const statusOf = (e: unknown) => (e as { statusCode?: number }).statusCode;

/** Who owns a container or volume by its labels: this checkout's dev resources, another checkout's, or not slipway's. */
export function ownerOf(labels: Record<string, string> | null | undefined, s: DevSettings): Holder['kind'] {
  const l = labels ?? {};
  if (l[MANAGED_LABEL] !== 'true' || !l[DEV_LABEL]) return 'foreign';
  return l[CHECKOUT_LABEL] === s.checkout ? 'ours' : 'other-checkout';
}

export async function findDevContainer(docker: Docker, s: DevSettings): Promise<Holder> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(s.name).inspect();
  } catch (e) {
    if (statusOf(e) === 404) return { kind: 'absent' };
    throw e;
  }
  // A name lookup also matches an id prefix: only an exact name is the dev container.
  if (info.Name.replace(/^\//, '') !== s.name) return { kind: 'absent' };
  const kind = ownerOf(info.Config.Labels, s);
  if (kind === 'ours') return { kind, info };
  if (kind === 'other-checkout')
    return { kind, path: info.Config.Labels?.[CHECKOUT_PATH_LABEL] ?? 'another checkout' };
  return { kind };
}

/** The dev container, or absent; a name held by another checkout or by something slipway did not make is an error. */
export async function ownContainer(
  docker: Docker,
  s: DevSettings,
): Promise<Docker.ContainerInspectInfo | null> {
  const h = await findDevContainer(docker, s);
  if (h.kind === 'absent') return null;
  if (h.kind === 'ours') return h.info;
  throw nameTaken(s, 'container', h);
}

export function nameTaken(
  s: DevSettings,
  what: 'container' | 'volume',
  h: { kind: 'other-checkout'; path: string } | { kind: 'foreign' },
  name = s.name,
): UserError {
  return h.kind === 'other-checkout'
    ? new UserError(`the dev ${what} '${name}' belongs to another checkout (${h.path}); it is left alone`, {
        hint: `run 'slipway dev down' in ${h.path}, or give this checkout its own name with 'dev: { name: ... }' in slipway.yaml`,
      })
    : new UserError(`a ${what} named '${name}' exists and was not made by slipway dev; it is left alone`, {
        hint: `remove it yourself (docker ${what} rm ${name}) or set another name with 'dev: { name: ... }' in slipway.yaml`,
      });
}
