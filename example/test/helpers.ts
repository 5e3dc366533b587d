import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { NotesStore } from '../src/db.js';
import { createJsonLogger } from '../src/log.js';
import { type RunningServer, startServer } from '../src/server.js';

/** The compiled entry point, next to this compiled test file (.test-build/src/main.js). */
export const MAIN_PATH = fileURLToPath(new URL('../src/main.js', import.meta.url));

/** A fresh temporary directory, removed by the returned cleanup. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'notes-service-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock that advances one second on every reading, from 2024-01-01T00:00:00Z. */
export function steppingClock(): () => Date {
  let tick = 0;
  return () => new Date(Date.UTC(2024, 0, 1, 0, 0, tick++));
}

export interface TestServer {
  url: string;
  port: number;
  store: NotesStore;
  running: RunningServer;
  /** Every JSON log line written so far. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 with an ephemeral port over an in-memory store. */
export async function startTestServer(
  store = new NotesStore(':memory:', { now: steppingClock() }),
): Promise<TestServer> {
  const logs: Record<string, unknown>[] = [];
  const logger = createJsonLogger({
    write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const running = await startServer(createApp({ store, logger }), { port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${running.port}`,
    port: running.port,
    store,
    running,
    logs,
    async close() {
      await running.stop(1_000);
      store.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Whatever followed this response (e.g. the next pipelined response). */
  rest: string;
}

/** Parses one HTTP/1.1 response; the body is framed by Content-Length when there is one. */
export function parseRawResponse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  assert.ok(split > 0, `no header terminator in response: ${JSON.stringify(raw)}`);
  const [statusLine = '', ...headerLines] = raw.slice(0, split).split('\r\n');
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine);
  assert.ok(match?.[1], `bad status line: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const start = split + 4;
  const length = headers['content-length'];
  const end = length === undefined ? raw.length : start + Number(length);
  return { status: Number(match[1]), headers, body: raw.slice(start, end), rest: raw.slice(end) };
}

/** Connects a raw TCP socket to the server. */
export function connectRaw(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Everything the socket receives until the peer closes it. */
export function readUntilClose(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Resolves with the first complete response (Content-Length framed) the socket receives. */
export function readResponse(socket: Socket): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let raw = '';
    const onData = (chunk: Buffer) => {
      raw += chunk.toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      if (split === -1) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(raw.slice(0, split))?.[1];
      if (length === undefined || raw.length < split + 4 + Number(length)) return;
      done();
      resolve(parseRawResponse(raw));
    };
    const onClose = () => {
      done();
      reject(new Error(`connection closed before a full response: ${JSON.stringify(raw)}`));
    };
    const done = () => {
      socket.off('data', onData);
      socket.off('close', onClose);
    };
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/** Sends `request` verbatim (it should say Connection: close) and parses the response. */
export async function rawRequest(port: number, request: string | Buffer): Promise<RawResponse> {
  const socket = await connectRaw(port);
  const received = readUntilClose(socket);
  socket.write(request);
  return parseRawResponse(await received);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when the socket closes, or rejects after `ms`. */
export function waitForClose(socket: Socket, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) {
      resolve();
      return;
    }
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A running `node main.js` child with its stdout parsed as JSON log lines. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Log lines seen on stdout so far. */
  logs: Record<string, unknown>[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the first log line (seen or future) for which `match` is true. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    ms?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
}

export function spawnService(env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [MAIN_PATH], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: {
    match: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { unparsable: text };
    }
    logs.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.match(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });

  return {
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog(match, ms = 10_000) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(
              `no matching log line within ${ms} ms; stdout: ${JSON.stringify(logs)}; stderr: ${stderr}`,
            ),
          );
        }, ms);
        const waiter = {
          match,
          resolve: (line: Record<string, unknown>) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        waiters.push(waiter);
        exited.then((code) => {
          if (waiters.includes(waiter)) {
            clearTimeout(timer);
            reject(new Error(`service exited (${code}) first; stderr: ${stderr}`));
          }
        });
      });
    },
  };
}

/** Asserts a JSON error response: status, {"error":{"code","message"}} and content type. */
export async function assertError(
  response: Response,
  status: number,
  code: string,
): Promise<{ code: string; message: string }> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  return body.error;
}
