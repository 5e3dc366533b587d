/** goss resource/interface.go; observed by check/system/interface.ts. */
import { assert, option } from './attributes.js';
import type { ResourceModule } from './module.js';

export const iface: ResourceModule = {
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
