import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';

/**
 * What the dev container and its volumes are called and labelled. They are kept on purpose
 * (`dev.slipway.keep=true`: the sweep of short-lived leftovers never takes them; `slipway clean --dev` and
 * `slipway dev down` do) and say which checkout they belong to: two clones of one repository get two
 * containers, and neither touches the other's.
 */
export const CHECKOUT_LABEL = 'dev.slipway.checkout';
/** The checkout's path, for messages only (the hash decides). */
export const CHECKOUT_PATH_LABEL = 'dev.slipway.checkout-path';
/** `container` or `volume`. */
export const DEV_LABEL = 'dev.slipway.dev';
/** On a volume: the path in the container it is mounted at. */
export const TARGET_LABEL = 'dev.slipway.target';
/** On the dependency volume: the hash of the lockfile it was seeded with. */
export const LOCKFILE_LABEL = 'dev.slipway.lockfile';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The checkout's identity: a hash of its real path (a symlinked path is the same checkout). */
export function checkoutId(root: string): string {
  let path = root;
  try {
    path = realpathSync(root);
  } catch {
    /* not there (yet): its path as given */
  }
  return sha256(path).slice(0, 16);
}

const nameSafe = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');

/** `slipway-dev-<image>-<8 hex of the checkout>`, or the configured name. */
export const containerName = (image: string, checkout: string, configured: string | null): string =>
  configured ?? `slipway-dev-${nameSafe(image) || 'app'}-${checkout.slice(0, 8)}`;

/** `<container>-<the mount path as a word>`: `slipway-dev-shop-1a2b3c4d-app-node_modules`. */
export const volumeName = (container: string, target: string): string =>
  `${container}-${nameSafe(target.replace(/\//g, '-')) || 'root'}`;

export const lockfileHash = (text: string | Buffer): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 16);
