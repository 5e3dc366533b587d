import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/** goss resource/package.go (the package manager comes from `--package`, or is detected). */
export const pkg: ResourceSchema = {
  type: 'package',
  name: 'Package',
  key: 'package name',
  target: 'name',
  gate: 'installed',
  skippable: true,
  attributes: [
    option('name', 'string', 'the package to test when it differs from the key'),
    assert('installed', 'bool', 'whether the package is installed', { required: true }),
    assert('versions', 'string-list', 'installed versions', { result: 'version' }),
  ],
};
