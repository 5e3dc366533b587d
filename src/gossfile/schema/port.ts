import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/port.go: a local listening socket. */
export const port: ResourceSchema = {
  type: 'port',
  name: 'Port',
  key: "'<tcp|tcp6|udp|udp6>:<port>', e.g. 'tcp:3000' (a bare port number means tcp)",
  target: 'port',
  gate: 'listening',
  skippable: true,
  attributes: [
    option('port', 'string', 'the port to test when it differs from the key'),
    assert('listening', 'bool', 'whether something listens on the port', { required: true }),
    assert('ip', 'string-list', 'addresses it listens on, e.g. 0.0.0.0'),
  ],
};
