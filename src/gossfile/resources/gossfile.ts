/** goss resource/gossfile.go; check/system/gossfile.ts observes nothing (includes are merged, not tested). */
import { option } from './attributes.js';
import type { ResourceModule } from './module.js';

/**
 * Includes another gossfile. The key (or `file`) is a path or a glob, relative to the including file's
 * directory; `skip: true` leaves it out.
 */
export const gossfile: ResourceModule = {
  type: 'gossfile',
  name: 'Gossfile',
  key: 'path or glob of the gossfile(s) to include, relative to this file',
  target: 'file',
  idIsKey: true,
  includes: true,
  skippable: true,
  attributes: [option('file', 'string', 'the path or glob when it differs from the key')],
};
