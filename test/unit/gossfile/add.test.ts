/** How `slipway add` writes an assertion from what was observed (each module's `add`, goss's New<Type>). */
import { describe, expect, it } from 'vitest';
import { ADDABLE, identityFor, RESOURCES } from '../../../src/gossfile/index.js';
import type { Observation } from '../../../src/gossfile/observation.js';

const seen = (values: Record<string, unknown>): Observation =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));
const write = (type: (typeof ADDABLE)[number], o: Observation, name = 'x') => {
  const add = RESOURCES[type].add;
  if (!add) throw new Error(`${type} is not addable`);
  return add.write(o, name);
};

describe('slipway add: the assertion from the observation', () => {
  it('the addable types are those whose module says how', () => {
    expect(ADDABLE).toEqual(['file', 'package', 'user', 'group', 'command', 'process', 'port', 'http']);
  });

  it('file: an owner without a name is recorded by uid; a link target only when there is one', () => {
    const o = seen({
      exists: true,
      mode: '0644',
      uid: 1234,
      gid: 0,
      group: 'root',
      filetype: 'file',
      'linked-to': null,
    });
    o.owner = { error: 'user: unknown userid 1234' };
    expect(write('file', o)).toEqual({
      exists: true,
      mode: '0644',
      uid: 1234,
      group: 'root',
      filetype: 'file',
      contents: [],
    });
    expect(write('file', seen({ exists: false }))).toEqual({ exists: false });
    expect(() => write('file', { exists: { error: 'user: unknown user nobody' } }, '~nobody/x')).toThrow(
      "file '~nobody/x': user: unknown user nobody",
    );
  });

  it('command: stdout as lines, the default timeout from the module', () => {
    expect(write('command', seen({ 'exit-status': 0, stdout: 'a\nb\n\n', stderr: 'w' }), 'echo')).toEqual({
      'exit-status': 0,
      stdout: ['a', 'b'],
      stderr: [],
      timeout: 10_000,
    });
    const timedOut = { error: 'Command execution timed out (10s)' };
    expect(() => write('command', { 'exit-status': timedOut, stdout: timedOut }, 'sleep 20')).toThrow(
      "command 'sleep 20': Command execution timed out (10s)",
    );
  });

  it('port: each address once; http: the status with the defaults written out', () => {
    expect(write('port', seen({ listening: true, ip: ['::', '::'] }))).toEqual({
      listening: true,
      ip: ['::'],
    });
    expect(write('port', seen({ listening: false, ip: [] }))).toEqual({ listening: false });
    expect(write('http', seen({ status: 200, body: '' }))).toEqual({
      status: 200,
      'allow-insecure': false,
      'no-follow-redirects': false,
      timeout: 5000,
      body: [],
    });
  });

  it('package: a database that cannot be read is the user’s error', () => {
    const error = { error: 'package: no package manager found' };
    expect(() => write('package', { installed: error, versions: error }, 'nginx')).toThrow(
      "cannot observe package 'nginx': package: no package manager found",
    );
  });

  it('what is observed for add: the name with goss’s defaults, the properties the module writes', () => {
    expect(identityFor('command', 'echo hi', ['exit-status', 'stdout'])).toEqual({
      id: 'echo hi',
      target: 'echo hi',
      options: { exec: 'echo hi', timeout: 10_000 },
      properties: ['exit-status', 'stdout'],
    });
  });
});
