import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real registry for the tests: Debian's docker-registry (distribution 2.8) on 127.0.0.1, with a config of
 * the test's own (the packaged one turns on auth) and its storage in a temporary directory. dockerd pushes to
 * 127.0.0.0/8 without TLS. `readonly` plays a fork's read-only token (distribution's maintenance mode).
 */
export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** Restarts it on the same storage and port, read-only or writable. */
  restart: (o: { readonly: boolean }) => Promise<void>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async (readonly: boolean) => {
    writeFileSync(
      join(dir, 'config.yml'),
      [
        'version: 0.1',
        'log: { level: error }',
        'storage:',
        `  filesystem: { rootdirectory: ${join(dir, 'data')} }`,
        '  delete: { enabled: true }',
        `  maintenance: { readonly: { enabled: ${readonly} } }`,
        'http:',
        `  addr: ${host}`,
        '',
      ].join('\n'),
    );
    const c = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    c.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child = c;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ok = await fetch(`http://${host}/v2/`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      if (c.exitCode !== null || Date.now() > deadline)
        throw new Error(`the registry did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stopChild = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start(false);
  return {
    host,
    restart: async ({ readonly }) => {
      await stopChild();
      await start(readonly);
    },
    stop: async () => {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The tags of a repository in the registry (none: an empty list). */
export async function registryTags(host: string, repository: string): Promise<string[]> {
  const r = await fetch(`http://${host}/v2/${repository}/tags/list`);
  if (r.status === 404) return [];
  return (((await r.json()) as { tags?: string[] | null }).tags ?? []).sort();
}
