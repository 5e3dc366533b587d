import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../src/config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected loadConfig(${JSON.stringify(env)}) to throw`);
}

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    assert.deepEqual(loadConfig({}), {
      port: 3000,
      host: '0.0.0.0',
      databasePath: '/data/notes.db',
      shutdownTimeoutMs: 10_000,
    });
    assert.deepEqual(loadConfig({}), DEFAULT_CONFIG);
  });

  it('treats empty variables as unset', () => {
    assert.deepEqual(
      loadConfig({ PORT: '', HOST: '', DATABASE_PATH: '', SHUTDOWN_TIMEOUT_MS: '' }),
      DEFAULT_CONFIG,
    );
  });

  it('reads every variable', () => {
    assert.deepEqual(
      loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        DATABASE_PATH: '/tmp/x.db',
        SHUTDOWN_TIMEOUT_MS: '2500',
      }),
      { port: 8080, host: '127.0.0.1', databasePath: '/tmp/x.db', shutdownTimeoutMs: 2500 },
    );
  });

  it('accepts the edges of the ranges', () => {
    assert.equal(loadConfig({ PORT: '0' }).port, 0);
    assert.equal(loadConfig({ PORT: '65535' }).port, 65_535);
    assert.equal(loadConfig({ SHUTDOWN_TIMEOUT_MS: '0' }).shutdownTimeoutMs, 0);
    assert.equal(loadConfig({ DATABASE_PATH: ':memory:' }).databasePath, ':memory:');
  });

  for (const port of [
    'abc',
    '65536',
    '-1',
    '1.5',
    '80 ',
    ' 80',
    '0x50',
    '1e3',
    '99999999999999999999',
  ]) {
    it(`rejects PORT=${JSON.stringify(port)}`, () => {
      const error = configError({ PORT: port });
      assert.equal(error.problems.length, 1);
      assert.match(
        error.message,
        /^invalid configuration: PORT must be an integer from 0 to 65535/,
      );
      assert.ok(error.message.includes(JSON.stringify(port)), error.message);
    });
  }

  for (const timeout of ['soon', '-5', '2147483648', '10s']) {
    it(`rejects SHUTDOWN_TIMEOUT_MS=${JSON.stringify(timeout)}`, () => {
      const error = configError({ SHUTDOWN_TIMEOUT_MS: timeout });
      assert.match(error.message, /SHUTDOWN_TIMEOUT_MS must be an integer from 0 to 2147483647/);
    });
  }

  it('rejects padded HOST and DATABASE_PATH', () => {
    assert.match(configError({ HOST: ' localhost' }).message, /HOST must not have leading/);
    assert.match(configError({ DATABASE_PATH: '/data/x.db\n' }).message, /DATABASE_PATH/);
  });

  it('reports every invalid variable at once', () => {
    const error = configError({ PORT: 'x', SHUTDOWN_TIMEOUT_MS: 'y', HOST: 'z ' });
    assert.equal(error.problems.length, 3);
    assert.match(error.message, /PORT.*; HOST.*; SHUTDOWN_TIMEOUT_MS/);
  });

  it('reads process.env by default', () => {
    const saved = process.env.PORT;
    process.env.PORT = '4321';
    try {
      assert.equal(loadConfig().port, 4321);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});
