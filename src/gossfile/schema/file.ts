import type { ResourceSchema } from '../declared.js';
import { assert, option, text } from './common.js';

/** goss resource/file.go. */
export const file: ResourceSchema = {
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
};
