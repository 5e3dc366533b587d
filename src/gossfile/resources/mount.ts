/** goss resource/mount.go; observed by check/system/mount.ts. */
import { assert, option } from './attributes.js';
import type { ResourceModule } from './module.js';

export const mount: ResourceModule = {
  type: 'mount',
  name: 'Mount',
  key: 'mount point',
  target: 'mountpoint',
  gate: 'exists',
  skippable: true,
  attributes: [
    option('mountpoint', 'string', 'the mount point when it differs from the key'),
    option('timeout', 'int', 'milliseconds to read mount information', { default: 1_000 }),
    assert('exists', 'bool', 'whether something is mounted there', { required: true }),
    assert('opts', 'string-list', 'per-mount options, e.g. rw, relatime'),
    assert('vfs-opts', 'string-list', 'per-superblock options'),
    assert('source', 'string', 'the mounted device or source'),
    assert('filesystem', 'string', 'filesystem type'),
    assert('usage', 'int', 'percent of blocks used'),
  ],
};
