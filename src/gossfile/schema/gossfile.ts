import type { ResourceSchema } from '../declared.js';
import { option } from './common.js';

/**
 * goss resource/gossfile.go: includes another gossfile. The key (or `file`) is a path or a glob, relative to
 * the including file's directory; `skip: true` leaves it out. Includes are merged, not tested.
 */
export const gossfile: ResourceSchema = {
  type: 'gossfile',
  name: 'Gossfile',
  key: 'path or glob of the gossfile(s) to include, relative to this file',
  target: 'file',
  skippable: true,
  attributes: [option('file', 'string', 'the path or glob when it differs from the key')],
};
