import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/service.go: the init system's view (systemd, upstart, sysv, alpine); nothing is required. */
export const service: ResourceSchema = {
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
