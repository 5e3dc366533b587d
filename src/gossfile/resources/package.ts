/** goss resource/package.go; observed by check/system/package.ts. */
import { assert, observedValues, option } from './attributes.js';
import type { ResourceModule } from './module.js';

/** The package manager goss would use is detected (goss: `--package`, or detected). */
export const pkg: ResourceModule = {
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
  add: {
    observes: ['installed', 'versions'],
    write(observed, name) {
      const { installed, versions } = observedValues(
        observed,
        (error) => `cannot observe package '${name}': ${error}`,
      );
      return installed ? { installed: true, versions } : { installed: false };
    },
  },
};
