import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { UserError } from '../../../src/core/errors.js';
import { devEnvironment, parseEnvFile } from '../../../src/dev/index.js';

describe('parseEnvFile (as docker run --env-file reads it)', () => {
  it('takes NAME=VALUE literally, NAME alone from the host, skips comments and blank lines', () => {
    const text = [
      '# a comment',
      '',
      'PORT=3000',
      '  INDENTED=yes',
      'QUOTED="kept as written"',
      'EMPTY=',
      'EQUALS=a=b',
      'FROM_HOST',
      'NOT_ON_HOST',
      'SPACE_AFTER = x',
      'TRAILING=value  ',
    ].join('\n');
    const r = parseEnvFile(text, '.env.dev', { FROM_HOST: 'host value' });
    expect(r.env).toEqual({
      PORT: '3000',
      INDENTED: 'yes',
      QUOTED: '"kept as written"',
      EMPTY: '',
      EQUALS: 'a=b',
      FROM_HOST: 'host value',
      TRAILING: 'value  ',
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      ".env.dev:10:1: error SW-ENVFILE variable 'SPACE_AFTER ' contains whitespace: expected NAME=VALUE",
    ]);
  });

  it('an empty name is located; CRLF and a BOM are read', () => {
    const r = parseEnvFile('\uFEFFA=1\r\n  =2\r\n', 'f');
    expect(r.env).toEqual({ A: '1' });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'f:2:3: error SW-ENVFILE no variable name before =: expected NAME=VALUE',
    ]);
  });
});

describe('devEnvironment', () => {
  it('env of slipway.yaml wins over the env file; a missing or invalid file is a located UserError', () => {
    const root = mkdtempSync(join(tmpdir(), 'slipway-env-'));
    try {
      writeFileSync(join(root, '.env.dev'), 'A=file\nB=file\n');
      expect(devEnvironment({ root, envFile: join(root, '.env.dev'), env: { B: 'config' } })).toEqual({
        A: 'file',
        B: 'config',
      });
      expect(() => devEnvironment({ root, envFile: join(root, 'nope'), env: {} })).toThrow(
        /dev.envFile: cannot read nope \(ENOENT\)/,
      );
      writeFileSync(join(root, 'bad'), 'bad name=1\n');
      try {
        devEnvironment({ root, envFile: join(root, 'bad'), env: {} });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        expect((e as UserError).diagnostics.map(formatDiagnostic)).toEqual([
          "bad:1:1: error SW-ENVFILE variable 'bad name' contains whitespace: expected NAME=VALUE",
        ]);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
