import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { NotesStore } from '../src/db.js';
import {
  connectRaw,
  makeTempDir,
  parseRawResponse,
  readUntilClose,
  type ServiceProcess,
  sleep,
  spawnService,
  startTestServer,
  waitForClose,
} from './helpers.js';

describe('graceful shutdown of the service process', { timeout: 60_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dbPath: string;
  let service: ServiceProcess | undefined;

  const start = async (env: Record<string, string> = {}): Promise<number> => {
    service = spawnService({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: dbPath,
      SHUTDOWN_TIMEOUT_MS: '10000',
      ...env,
    });
    const listening = await service.waitForLog((line) => line.msg === 'listening');
    assert.equal(typeof listening.port, 'number');
    return listening.port as number;
  };

  beforeEach(() => {
    temp = makeTempDir();
    dbPath = join(temp.dir, 'notes.db');
  });

  afterEach(() => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
    }
    service = undefined;
    temp.cleanup();
  });

  it('on SIGTERM, finishes a request whose body is still arriving, then exits 0', async () => {
    const port = await start();
    const proc = service as ServiceProcess;

    const body = JSON.stringify({ title: 'written during shutdown', body: 'sent slowly' });
    const half = Math.floor(body.length / 2);
    const socket = await connectRaw(port);
    const received = readUntilClose(socket);
    socket.write(
      'POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
    );
    // Give the server time to read the headers, so the request is in flight.
    await sleep(300);

    proc.child.kill('SIGTERM');
    await proc.waitForLog((line) => line.msg === 'shutting down' && line.signal === 'SIGTERM');

    // New connections are refused while the old request is still being served...
    await assert.rejects(connectRaw(port), { code: 'ECONNREFUSED' });
    await sleep(200);
    assert.equal(proc.child.exitCode, null, 'the process waits for the request in flight');

    // ...which completes normally once its body arrives.
    socket.write(body.slice(half));
    const response = parseRawResponse(await received);
    assert.equal(response.status, 201, response.body);
    assert.equal(response.headers.connection, 'close');
    const note = JSON.parse(response.body) as { id: number; title: string; body: string };
    assert.equal(note.title, 'written during shutdown');
    assert.equal(response.headers.location, `/notes/${note.id}`);

    assert.equal(await proc.exited, 0);
    const messages = proc.logs.map((line) => line.msg);
    assert.deepEqual(messages, ['listening', 'shutting down', 'request', 'stopped']);
    assert.deepEqual(
      proc.logs
        .filter((line) => line.msg === 'request')
        .map(({ method, path, status }) => ({ method, path, status })),
      [{ method: 'POST', path: '/notes', status: 201 }],
    );
    assert.equal(proc.logs.at(-1)?.forced, false);
    // The database was closed cleanly: closing checkpoints the WAL and removes it.
    assert.equal(existsSync(`${dbPath}-wal`), false, 'WAL file left behind');

    const store = new NotesStore(dbPath);
    try {
      assert.deepEqual(store.get(note.id), note);
    } finally {
      store.close();
    }
  });

  it('on SIGINT, closes idle keep-alive connections and exits 0 promptly', async () => {
    const port = await start();
    const proc = service as ServiceProcess;

    // A keep-alive connection that has finished its request and sits idle.
    const socket = await connectRaw(port);
    const received = readUntilClose(socket);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await proc.waitForLog((line) => line.msg === 'request');

    const signalled = Date.now();
    proc.child.kill('SIGINT');
    assert.equal(await proc.exited, 0);
    assert.ok(Date.now() - signalled < 5_000, 'did not wait for the 10 s shutdown timeout');
    assert.equal(parseRawResponse(await received).status, 200);
    await waitForClose(socket, 1_000);
    assert.equal(proc.logs.at(-1)?.msg, 'stopped');
  });

  it('gives up on a stuck request after SHUTDOWN_TIMEOUT_MS and still exits 0', async () => {
    const port = await start({ SHUTDOWN_TIMEOUT_MS: '500' });
    const proc = service as ServiceProcess;

    const socket = await connectRaw(port);
    const received = readUntilClose(socket);
    socket.write(
      'POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"title":',
    );
    await sleep(300);

    const signalled = Date.now();
    proc.child.kill('SIGTERM');
    assert.equal(await proc.exited, 0);
    const elapsed = Date.now() - signalled;
    assert.ok(elapsed >= 450, `waited for the timeout (${elapsed} ms)`);
    assert.ok(elapsed < 5_000, `but not much longer (${elapsed} ms)`);
    assert.equal(await received, '', 'the stuck request got no response');
    assert.ok(proc.logs.some((line) => String(line.msg).startsWith('shutdown timeout reached')));
    assert.equal(proc.logs.at(-1)?.forced, true);
  });

  it('on a second signal, stops waiting for requests in flight', async () => {
    const port = await start({ SHUTDOWN_TIMEOUT_MS: '60000' });
    const proc = service as ServiceProcess;

    const socket = await connectRaw(port);
    const received = readUntilClose(socket);
    socket.write(
      'POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"title":',
    );
    await sleep(300);

    proc.child.kill('SIGTERM');
    await proc.waitForLog((line) => line.msg === 'shutting down');
    await sleep(200);
    assert.equal(proc.child.exitCode, null, 'still waiting after the first signal');
    proc.child.kill('SIGINT');
    assert.equal(await proc.exited, 0);
    assert.equal(await received, '');
    assert.ok(proc.logs.some((line) => String(line.msg).startsWith('second signal')));
  });
});

describe('RunningServer.stop', () => {
  it('resolves unforced at once when idle, and returns the same promise when called again', async () => {
    const server = await startTestServer();
    const socket = await connectRaw(server.port);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));

    const first = server.running.stop(10_000);
    assert.equal(server.running.stop(10_000), first);
    const started = Date.now();
    assert.deepEqual(await first, { forced: false });
    assert.ok(Date.now() - started < 2_000);
    await waitForClose(socket, 1_000);
    server.store.close();
  });

  it('answers requests already in flight with Connection: close', async () => {
    const server = await startTestServer();
    const socket = await connectRaw(server.port);
    const received = readUntilClose(socket);
    socket.write(
      'PUT /notes/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{"tit',
    );
    await sleep(100);
    const stopped = server.running.stop(10_000);
    await sleep(100);
    socket.write('le":"x"}');
    const response = parseRawResponse(await received);
    assert.equal(response.status, 404);
    assert.equal(response.headers.connection, 'close');
    assert.deepEqual(await stopped, { forced: false });
    server.store.close();
  });

  it('closes connections still busy when the timeout runs out', async () => {
    const server = await startTestServer();
    const socket = await connectRaw(server.port);
    socket.on('error', () => {});
    socket.write(
      'POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{',
    );
    await sleep(100);
    const started = Date.now();
    assert.deepEqual(await server.running.stop(200), { forced: true });
    assert.ok(Date.now() - started >= 150);
    await waitForClose(socket, 1_000);
    server.store.close();
  });
});
