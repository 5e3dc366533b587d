/** goss resource/kernel_param.go (sysctl); observed by check/system/kernel-param.ts. */
import { assert, option } from './attributes.js';
import type { ResourceModule } from './module.js';

export const kernelParam: ResourceModule = {
  type: 'kernel-param',
  name: 'KernelParam',
  key: 'sysctl key, e.g. net.core.somaxconn',
  target: 'name',
  skippable: true,
  attributes: [
    option('name', 'string', 'the key when it differs from the YAML key'),
    assert('value', 'string', 'the value, as a string (numeric matchers convert it)', { required: true }),
  ],
};
