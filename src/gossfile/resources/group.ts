/** goss resource/group.go; observed by check/system/group.ts. */
import { assert, observedValues, option } from './attributes.js';
import type { ResourceModule } from './module.js';

export const group: ResourceModule = {
  type: 'group',
  name: 'Group',
  key: 'group name',
  target: 'groupname',
  gate: 'exists',
  skippable: true,
  attributes: [
    option('groupname', 'string', 'the group to test when it differs from the key'),
    assert('exists', 'bool', 'whether the group exists', { required: true }),
    assert('gid', 'int', 'group id (a string is accepted with a deprecation warning)', { atoi: true }),
  ],
  add: {
    observes: ['exists', 'gid'],
    write(observed, name) {
      const { exists, gid } = observedValues(observed, (error) => `group '${name}': ${error}`);
      return exists ? { exists: true, gid } : { exists: false };
    },
  },
};
