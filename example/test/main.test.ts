import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeTempDir, spawnService } from './helpers.js';

/** The JSON lines a process wrote to stderr. */
function stderrLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('main', { timeout: 30_000 }, () => {
  it('exits 1 with a clear error for invalid configuration', async () => {
    const service = spawnService({ PORT: 'eighty', SHUTDOWN_TIMEOUT_MS: '-1' });
    assert.equal(await service.exited, 1);
    assert.deepEqual(service.logs, [], 'nothing on stdout');
    const [line, ...others] = stderrLines(service.stderr());
    assert.deepEqual(others, []);
    assert.equal(line?.level, 'error');
    assert.match(String(line?.msg), /^invalid configuration: PORT must be an integer .* "eighty"/);
    assert.deepEqual(line?.problems, [
      'PORT must be an integer from 0 to 65535, got "eighty"',
      'SHUTDOWN_TIMEOUT_MS must be an integer from 0 to 2147483647, got "-1"',
    ]);
  });

  it('exits 1 when the database cannot be opened', async () => {
    const temp = makeTempDir();
    try {
      const service = spawnService({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: join(temp.dir, 'no-such-dir', 'notes.db'),
      });
      assert.equal(await service.exited, 1);
      const [line] = stderrLines(service.stderr());
      assert.equal(line?.msg, 'cannot open database');
      assert.match(JSON.stringify(line?.error), /directory does not exist/);
    } finally {
      temp.cleanup();
    }
  });

  it('exits 1 when the port is taken', async () => {
    const temp = makeTempDir();
    const env = { PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(temp.dir, 'a.db') };
    const first = spawnService(env);
    try {
      const { port } = await first.waitForLog((line) => line.msg === 'listening');
      const second = spawnService({
        ...env,
        PORT: String(port),
        DATABASE_PATH: join(temp.dir, 'b.db'),
      });
      assert.equal(await second.exited, 1);
      const [line] = stderrLines(second.stderr());
      assert.equal(line?.msg, 'cannot listen');
      assert.match(JSON.stringify(line?.error), /EADDRINUSE/);
    } finally {
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
      temp.cleanup();
    }
  });
});
