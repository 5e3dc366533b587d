/** goss resource/file.go; observed by check/system/file.ts. */
import { UserError } from '../../core/errors.js';
import type { Observed } from '../observation.js';
import { assert, option, text } from './attributes.js';
import type { ResourceModule } from './module.js';

const value = (o: Observed | undefined): unknown => (o && 'value' in o ? o.value : undefined);

export const file: ResourceModule = {
  type: 'file',
  name: 'File',
  key: 'path of a file, directory, symlink or socket',
  target: 'path',
  gate: 'exists',
  skippable: true,
  attributes: [
    option('path', 'string', 'the path to test when it differs from the key'),
    assert('exists', 'bool', 'whether the path exists', { required: true }),
    assert('mode', 'string', 'permission bits as an octal string, e.g. "0644"'),
    assert('owner', 'string', 'owning user name'),
    assert('uid', 'int', 'owning user id'),
    assert('group', 'string', 'owning group name'),
    assert('gid', 'int', 'owning group id'),
    assert('linked-to', 'string', 'symlink target, as read (not resolved)', { result: 'linkedto' }),
    assert('filetype', 'string', 'file, symlink, directory, socket, pipe, character-device, block-device'),
    text('contains', 'old name of contents', { deprecated: "renamed to 'contents'" }),
    text('contents', 'the file content'),
    assert('size', 'int', 'size in bytes'),
    assert('md5', 'string', 'md5 checksum (hex)'),
    assert('sha256', 'string', 'sha256 checksum (hex)'),
    assert('sha512', 'string', 'sha512 checksum (hex)'),
  ],
  add: {
    observes: ['exists', 'mode', 'owner', 'uid', 'group', 'gid', 'filetype', 'linked-to'],
    write(o, name) {
      // A path that cannot be expanded (`~user` unknown) errs on every property.
      const exists = o.exists;
      if (exists && 'error' in exists) throw new UserError(`file '${name}': ${exists.error}`);
      if (!value(exists)) return { exists: false };
      const owner = value(o.owner);
      const group = value(o.group);
      const linkedTo = value(o['linked-to']);
      return {
        exists: true,
        mode: value(o.mode),
        // An id without a name is recorded by number (uid/gid), which goss can check.
        ...(typeof owner === 'string' ? { owner } : { uid: value(o.uid) }),
        ...(typeof group === 'string' ? { group } : { gid: value(o.gid) }),
        filetype: value(o.filetype),
        ...(linkedTo ? { 'linked-to': linkedTo } : {}),
        contents: [],
      };
    },
  },
};
