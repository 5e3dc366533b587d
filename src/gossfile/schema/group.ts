import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/group.go. */
export const group: ResourceSchema = {
  type: 'group',
  name: 'Group',
  key: 'group name',
  target: 'groupname',
  gate: 'exists',
  skippable: true,
  attributes: [
    option('groupname', 'string', 'the group to test when it differs from the key'),
    assert('exists', 'bool', 'whether the group exists', { required: true }),
    assert('gid', 'int', 'group id (a string is accepted with a deprecation warning)'),
  ],
};
