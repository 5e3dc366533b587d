/** goss resource/addr.go; observed by check/system/addr.ts. */
import { assert, option } from './attributes.js';
import type { ResourceModule } from './module.js';

/** A remote address reachable by connecting to it; no gate, `skip` as everywhere in v0.4. */
export const addr: ResourceModule = {
  type: 'addr',
  name: 'Addr',
  key: "'<tcp|udp>://<host>:<port>', e.g. 'tcp://db:5432'",
  target: 'address',
  skippable: true,
  attributes: [
    option('address', 'string', 'the address to test when it differs from the key'),
    option('local-address', 'string', 'local address to connect from'),
    option('timeout', 'int', 'milliseconds to wait for the connection', { default: 500 }),
    assert('reachable', 'bool', 'whether a connection succeeds', { required: true }),
  ],
};
