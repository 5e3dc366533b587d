import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/process.go: matches the executable name (`/proc/<pid>/comm`), not the command line. */
export const proc: ResourceSchema = {
  type: 'process',
  name: 'Process',
  key: 'executable name, as in /proc/<pid>/comm',
  target: 'comm',
  skippable: true,
  attributes: [
    option('comm', 'string', 'the executable name when it differs from the key'),
    assert('running', 'bool', 'whether a process with that name runs', { required: true }),
  ],
};
