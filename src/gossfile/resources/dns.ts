/** goss resource/dns.go; observed by check/system/dns.ts. */
import { assert, option } from './attributes.js';
import type { ResourceModule } from './module.js';

export const dns: ResourceModule = {
  type: 'dns',
  name: 'DNS',
  key: "host name, optionally prefixed by a record type: 'A:', 'AAAA:', 'CAA:', 'CNAME:', 'MX:', 'NS:', 'PTR:', 'SRV:', 'SSHFP:', 'TXT:' (typed lookups need server; without one the system resolver asks A and AAAA)",
  target: 'resolve',
  gate: 'resolvable',
  skippable: true,
  attributes: [
    option('resolve', 'string', 'the name to resolve when it differs from the key'),
    option('server', 'string', "DNS server to ask, 'host' or 'host:port'"),
    option('timeout', 'int', 'milliseconds per lookup', { default: 500 }),
    assert('resolvable', 'bool', 'whether the name resolves', { required: true }),
    assert('resolveable', 'bool', 'old spelling of resolvable', {
      result: 'resolvable',
      deprecated: "spelled 'resolvable'",
      spellingOf: 'resolvable',
    }),
    assert('addrs', 'string-list', 'the answers'),
  ],
};
