import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/kernel_param.go (sysctl). */
export const kernelParam: ResourceSchema = {
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
