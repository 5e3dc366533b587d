import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/user.go (reads the passwd and group databases, not LDAP). */
export const user: ResourceSchema = {
  type: 'user',
  name: 'User',
  key: 'user name',
  target: 'username',
  gate: 'exists',
  skippable: true,
  attributes: [
    option('username', 'string', 'the user to test when it differs from the key'),
    assert('exists', 'bool', 'whether the user exists', { required: true }),
    assert('uid', 'int', 'user id (a string is accepted with a deprecation warning)'),
    assert('gid', 'int', 'primary group id (a string is accepted with a deprecation warning)'),
    assert('home', 'string', 'home directory'),
    assert('groups', 'string-list', 'names of every group the user belongs to'),
    assert('shell', 'string', 'login shell'),
  ],
};
