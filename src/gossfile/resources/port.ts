/** goss resource/port.go; observed by check/system/port.ts. */
import { assert, observedValues, option } from './attributes.js';
import type { ResourceModule } from './module.js';

/** A local listening socket. */
export const port: ResourceModule = {
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
  add: {
    observes: ['listening', 'ip'],
    write(observed) {
      const { listening, ip } = observedValues(observed, (error) => error);
      return listening ? { listening: true, ip: [...new Set(ip as string[])] } : { listening: false };
    },
  },
};
