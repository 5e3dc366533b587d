/** goss resource/process.go; observed by check/system/process.ts. */
import { assert, observedValues, option } from './attributes.js';
import type { ResourceModule } from './module.js';

/** Matches the executable name (`/proc/<pid>/comm`), not the command line. */
export const proc: ResourceModule = {
  type: 'process',
  name: 'Process',
  key: 'executable name, as in /proc/<pid>/comm',
  target: 'comm',
  skippable: true,
  attributes: [
    option('comm', 'string', 'the executable name when it differs from the key'),
    assert('running', 'bool', 'whether a process with that name runs', { required: true }),
  ],
  add: {
    observes: ['running'],
    write(observed, name) {
      const { running } = observedValues(observed, (error) => `process '${name}': ${error}`);
      return { running };
    },
  },
};
