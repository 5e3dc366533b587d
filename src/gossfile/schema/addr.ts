import { GOSS_DEFAULTS, type ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/addr.go: a remote address reachable by connecting to it; no gate, `skip` as everywhere in v0.4. */
export const addr: ResourceSchema = {
  type: 'addr',
  name: 'Addr',
  key: "'<tcp|udp>://<host>:<port>', e.g. 'tcp://db:5432'",
  target: 'address',
  skippable: true,
  attributes: [
    option('address', 'string', 'the address to test when it differs from the key'),
    option('local-address', 'string', 'local address to connect from'),
    option('timeout', 'int', 'milliseconds to wait for the connection', {
      default: GOSS_DEFAULTS.addr.timeout,
    }),
    assert('reachable', 'bool', 'whether a connection succeeds', { required: true }),
  ],
};
