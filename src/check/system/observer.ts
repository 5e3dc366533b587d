/**
 * What an observer is (goss: system/<type>.go): given a resource's identity and settings — never what it
 * expects —, it returns what it sees of each property. `needs` says what of the target it reads, so that a
 * check knows before it starts whether the image must run, and whether with the helper in its namespaces.
 */
import type { Identity, Observation, Observed } from '../../gossfile/observation.js';
import type { FsObserver } from '../../probe/observe-fs.js';
import type { ExecResult } from '../exec.js';
import type { RunningTarget } from '../target.js';

/** The target as the filesystem observers read it: read once per image and cached. */
export interface FsSystem {
  fs: FsObserver;
}

/** The target running, for the live observers. */
export interface LiveSystem extends FsSystem {
  live: RunningTarget;
  /** Results of the commands already run as one batch, by identity (see `Observer.batch`). */
  batched?: Promise<Map<Identity, ExecResult>> | undefined;
}

interface Base {
  /** A shell command line the observer runs and can be run beforehand, with others, in one exec. */
  batch?(t: Identity): { command: string; timeoutMs: number } | null;
}

export type Observer = Base &
  (
    | {
        /** nothing: the spec holds what is compared (matching); fs: the image's filesystem, never run. */
        needs: 'nothing' | 'fs';
        observe(t: Identity, sys: FsSystem): Promise<Observation>;
      }
    | {
        /** live: the running container; helper: and the busybox helper in its namespaces. */
        needs: 'live' | 'helper';
        observe(t: Identity, sys: LiveSystem): Promise<Observation>;
      }
  );

export const val = (value: unknown): Observed => ({ value });

/** Every property of `properties` failing with one error. */
export const failing = (properties: readonly string[], error: string): Observation =>
  Object.fromEntries(properties.map((p) => [p, { error }]));
