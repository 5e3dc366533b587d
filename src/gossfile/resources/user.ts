/** goss resource/user.go (the passwd and group databases, not LDAP); observed by check/system/user.ts. */
import { assert, observedValues, option } from './attributes.js';
import type { ResourceModule } from './module.js';

export const user: ResourceModule = {
  type: 'user',
  name: 'User',
  key: 'user name',
  target: 'username',
  gate: 'exists',
  skippable: true,
  attributes: [
    option('username', 'string', 'the user to test when it differs from the key'),
    assert('exists', 'bool', 'whether the user exists', { required: true }),
    assert('uid', 'int', 'user id (a string is accepted with a deprecation warning)', { atoi: true }),
    assert('gid', 'int', 'primary group id (a string is accepted with a deprecation warning)', {
      atoi: true,
    }),
    assert('home', 'string', 'home directory'),
    assert('groups', 'string-list', 'names of every group the user belongs to'),
    assert('shell', 'string', 'login shell'),
  ],
  add: {
    observes: ['exists', 'uid', 'gid', 'groups', 'home', 'shell'],
    write(observed, name) {
      const { exists, uid, gid, groups, home, shell } = observedValues(
        observed,
        (error) => `user '${name}': ${error}`,
      );
      return exists ? { exists: true, uid, gid, groups, home, shell } : { exists: false };
    },
  },
};
