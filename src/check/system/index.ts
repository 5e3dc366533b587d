/**
 * The table of observers (goss: system/system.go): one module per resource type, named as its declaring
 * twin in gossfile/resources/. Adding a type: write `<type>.ts` here and in gossfile/resources/, and add one
 * line to each table.
 */
import { errorMessage } from '../../core/errors.js';
import type { Identity, Observation } from '../../gossfile/observation.js';
import type { RunningTarget } from '../target.js';
import { addr } from './addr.js';
import { command } from './command.js';
import { dns } from './dns.js';
import { file } from './file.js';
import { gossfile } from './gossfile.js';
import { group } from './group.js';
import { http } from './http.js';
import { iface } from './interface.js';
import { kernelParam } from './kernel-param.js';
import { matching } from './matching.js';
import { mount } from './mount.js';
import { type FsSystem, failing, type LiveSystem, type Observer } from './observer.js';
import { pkg } from './package.js';
import { port } from './port.js';
import { proc } from './process.js';
import { service } from './service.js';
import { user } from './user.js';

export const SYSTEM = {
  // From the image's filesystem, never run.
  file,
  group,
  package: pkg,
  user,
  // In the running container.
  command,
  process: proc,
  service,
  // From the helper in its namespaces.
  addr,
  dns,
  http,
  interface: iface,
  'kernel-param': kernelParam,
  mount,
  port,
  // Nothing to observe.
  gossfile,
  matching,
} satisfies Record<string, Observer>;

export type ObservedType = keyof typeof SYSTEM;

/** Whether observing the type runs the image: a live observer, or one from the helper in its namespaces. */
export const runsTarget = (type: ObservedType): boolean => {
  const { needs } = SYSTEM[type] as Observer;
  return needs === 'live' || needs === 'helper';
};

/** Whether observing the type needs the busybox helper in the target's namespaces. */
export const needsHelper = (type: ObservedType): boolean => (SYSTEM[type] as Observer).needs === 'helper';

/** What observing a resource is given: the filesystem, and the running target when one is needed. */
export interface Targets extends FsSystem, Omit<LiveSystem, 'live'> {
  /** The running container, or why there is none (then every property fails with that reason). */
  live: () => Promise<RunningTarget>;
}

/** Observes what a resource's properties need, from its identity alone: never the expected values. */
export async function observe(type: ObservedType, t: Identity, sys: Targets): Promise<Observation> {
  const o: Observer = SYSTEM[type];
  if (o.needs === 'nothing' || o.needs === 'fs') return o.observe(t, sys);
  let live: RunningTarget;
  try {
    live = await sys.live();
  } catch (e) {
    return failing(t.properties, errorMessage(e));
  }
  return o.observe(t, { fs: sys.fs, live, batched: sys.batched });
}
