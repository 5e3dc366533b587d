import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/interface.go. */
export const iface: ResourceSchema = {
  type: 'interface',
  name: 'Interface',
  key: 'network interface name, e.g. eth0',
  target: 'name',
  gate: 'exists',
  skippable: true,
  attributes: [
    option('name', 'string', 'the interface when it differs from the key'),
    assert('exists', 'bool', 'whether the interface exists', { required: true }),
    assert('addrs', 'string-list', 'addresses in CIDR form, e.g. 172.17.0.2/16'),
    assert('mtu', 'int', 'MTU'),
  ],
};
