/** goss resource/service.go; observed by check/system/service.ts. */
import { assert, option } from './attributes.js';
import type { ResourceModule } from './module.js';

/** The init system's view (systemd, upstart, sysv, alpine); nothing is required. */
export const service: ResourceModule = {
  type: 'service',
  name: 'Service',
  key: 'service name',
  target: 'name',
  skippable: true,
  attributes: [
    option('name', 'string', 'the service when it differs from the key'),
    assert('enabled', 'bool', 'whether it starts at boot'),
    assert('running', 'bool', 'whether it runs now'),
    assert('runlevels', 'string-list', 'runlevels it is enabled in (sysv, upstart, alpine)'),
  ],
};
