import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotesStore } from '../src/db.js';
import {
  assertError,
  connectRaw,
  parseRawResponse,
  rawRequest,
  readResponse,
  readUntilClose,
  sleep,
  startTestServer,
  type TestServer,
  waitForClose,
} from './helpers.js';

interface NoteBody {
  id: number;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('HTTP API', () => {
  let server: TestServer;
  let url: string;

  before(async () => {
    server = await startTestServer();
    url = server.url;
  });
  after(() => server.close());

  const post = (body: unknown, headers: Record<string, string> = JSON_HEADERS) =>
    fetch(`${url}/notes`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const createNote = async (title: string, body = ''): Promise<NoteBody> => {
    const response = await post({ title, body });
    assert.equal(response.status, 201);
    return (await response.json()) as NoteBody;
  };

  describe('GET /healthz', () => {
    it('answers 200 {"status":"ok"}', async () => {
      const response = await fetch(`${url}/healthz`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.deepEqual(await response.json(), { status: 'ok' });
    });

    it('answers HEAD without a body', async () => {
      const response = await fetch(`${url}/healthz`, { method: 'HEAD' });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '');
    });

    it('answers 405 with Allow to other methods', async () => {
      const response = await fetch(`${url}/healthz`, { method: 'POST' });
      assert.equal(response.headers.get('allow'), 'GET, HEAD');
      await assertError(response, 405, 'method_not_allowed');
    });
  });

  describe('notes CRUD', () => {
    it('creates, reads, lists, updates and deletes a note', async () => {
      const created = await post({ title: 'Shopping', body: 'milk, eggs' });
      assert.equal(created.status, 201);
      assert.match(created.headers.get('content-type') ?? '', /^application\/json/);
      const note = (await created.json()) as NoteBody;
      assert.deepEqual(Object.keys(note).sort(), ['body', 'createdAt', 'id', 'title', 'updatedAt']);
      assert.equal(note.title, 'Shopping');
      assert.equal(note.body, 'milk, eggs');
      assert.ok(Number.isInteger(note.id) && note.id > 0);
      assert.match(note.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(note.updatedAt, note.createdAt);
      assert.equal(created.headers.get('location'), `/notes/${note.id}`);

      const read = await fetch(`${url}${created.headers.get('location')}`);
      assert.equal(read.status, 200);
      assert.deepEqual(await read.json(), note);

      const list = await fetch(`${url}/notes`);
      assert.equal(list.status, 200);
      const page = (await list.json()) as { notes: NoteBody[]; total: number };
      assert.deepEqual(
        page.notes.find((n) => n.id === note.id),
        note,
      );

      const put = await fetch(`${url}/notes/${note.id}`, {
        method: 'PUT',
        headers: JSON_HEADERS,
        body: JSON.stringify({ title: 'Groceries', body: 'milk' }),
      });
      assert.equal(put.status, 200);
      const updated = (await put.json()) as NoteBody;
      assert.equal(updated.id, note.id);
      assert.equal(updated.title, 'Groceries');
      assert.equal(updated.body, 'milk');
      assert.equal(updated.createdAt, note.createdAt);
      assert.ok(updated.updatedAt > note.updatedAt, 'updatedAt moves forward');
      assert.deepEqual(await (await fetch(`${url}/notes/${note.id}`)).json(), updated);

      const deleted = await fetch(`${url}/notes/${note.id}`, { method: 'DELETE' });
      assert.equal(deleted.status, 204);
      assert.equal(await deleted.text(), '');

      await assertError(await fetch(`${url}/notes/${note.id}`), 404, 'not_found');
      await assertError(
        await fetch(`${url}/notes/${note.id}`, { method: 'DELETE' }),
        404,
        'not_found',
      );
    });

    it('defaults body to "" and accepts a charset parameter', async () => {
      const response = await post(
        { title: 'No body' },
        { 'content-type': 'Application/JSON; charset=UTF-8' },
      );
      assert.equal(response.status, 201);
      assert.equal(((await response.json()) as NoteBody).body, '');
    });

    it('keeps non-ASCII text intact and counts characters, not bytes', async () => {
      const title = '\u{1F4DD}'.repeat(200);
      const note = await createNote(title, 'café — ünïcödé');
      const read = (await (await fetch(`${url}/notes/${note.id}`)).json()) as NoteBody;
      assert.equal(read.title, title);
      assert.equal(read.body, 'café — ünïcödé');
    });

    it('lists with limit and offset', async () => {
      const fresh = await startTestServer();
      try {
        const notes = [];
        for (const title of ['one', 'two', 'three']) {
          const response = await fetch(`${fresh.url}/notes`, {
            method: 'POST',
            headers: JSON_HEADERS,
            body: JSON.stringify({ title }),
          });
          notes.push((await response.json()) as NoteBody);
        }
        const all = await (await fetch(`${fresh.url}/notes`)).json();
        assert.deepEqual(all, { notes, total: 3, limit: 50, offset: 0 });
        const page = await (await fetch(`${fresh.url}/notes?limit=2&offset=1`)).json();
        assert.deepEqual(page, { notes: notes.slice(1), total: 3, limit: 2, offset: 1 });
        for (const query of ['limit=0', 'limit=501', 'limit=abc', 'offset=-1', 'offset=1.5']) {
          await assertError(await fetch(`${fresh.url}/notes?${query}`), 400, 'validation_failed');
        }
      } finally {
        await fresh.close();
      }
    });

    it('404s PUT on an unknown note without creating it', async () => {
      const response = await fetch(`${url}/notes/999999`, {
        method: 'PUT',
        headers: JSON_HEADERS,
        body: JSON.stringify({ title: 'ghost' }),
      });
      await assertError(response, 404, 'not_found');
      await assertError(await fetch(`${url}/notes/999999`), 404, 'not_found');
    });
  });

  describe('errors', () => {
    it('400s malformed JSON', async () => {
      for (const body of ['{"title":', '{title: "x"}', 'undefined', '', '   ']) {
        await assertError(await post(body), 400, 'invalid_json');
      }
    });

    it('400s a body that is not UTF-8', async () => {
      const response = await fetch(`${url}/notes`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      });
      await assertError(response, 400, 'invalid_json');
    });

    const invalid: [string, unknown, RegExp][] = [
      ['an array', [{ title: 'x' }], /JSON object/],
      ['null', null, /JSON object/],
      ['a string', 'title', /JSON object/],
      ['a missing title', { body: 'x' }, /title is required/],
      ['a numeric title', { title: 5 }, /title is required and must be a string/],
      ['an empty title', { title: '' }, /title must be 1 to 200 characters/],
      ['a 201-character title', { title: 'x'.repeat(201) }, /title must be 1 to 200/],
      ['a blank title', { title: '   ' }, /title must not be blank/],
      ['a title with a newline', { title: 'a\nb' }, /control characters/],
      ['a non-string body', { title: 'x', body: 42 }, /body must be a string/],
      ['a null body', { title: 'x', body: null }, /body must be a string/],
      [
        'a 10001-character body',
        { title: 'x', body: 'y'.repeat(10_001) },
        /body must be at most 10000/,
      ],
      ['an unknown field', { title: 'x', tags: [] }, /unknown field "tags"/],
    ];
    for (const [what, body, message] of invalid) {
      it(`400s ${what}`, async () => {
        const before = server.store.list({ limit: 1, offset: 0 }).total;
        const error = await assertError(await post(JSON.stringify(body)), 400, 'validation_failed');
        assert.match(error.message, message);
        assert.equal(server.store.list({ limit: 1, offset: 0 }).total, before, 'nothing stored');
      });
    }

    it('validates PUT bodies the same way', async () => {
      const note = await createNote('valid');
      const response = await fetch(`${url}/notes/${note.id}`, {
        method: 'PUT',
        headers: JSON_HEADERS,
        body: JSON.stringify({ title: '' }),
      });
      await assertError(response, 400, 'validation_failed');
      assert.equal(server.store.get(note.id)?.title, 'valid');
    });

    it('accepts the longest valid title and body', async () => {
      const note = await createNote('t'.repeat(200), 'b'.repeat(10_000));
      assert.equal(note.title.length, 200);
      assert.equal(note.body.length, 10_000);
    });

    it('404s unknown routes and malformed note ids', async () => {
      for (const path of [
        '/',
        '/nope',
        '/notes/',
        '/notes/abc',
        '/notes/0',
        '/notes/01',
        '/notes/1/x',
        '/healthz/',
      ]) {
        await assertError(await fetch(`${url}${path}`), 404, 'not_found');
      }
    });

    it('405s wrong methods with an Allow header', async () => {
      const cases: [string, string, string][] = [
        ['/notes', 'DELETE', 'GET, HEAD, POST'],
        ['/notes', 'PUT', 'GET, HEAD, POST'],
        ['/notes/1', 'POST', 'GET, HEAD, PUT, DELETE'],
        ['/notes/1', 'PATCH', 'GET, HEAD, PUT, DELETE'],
      ];
      for (const [path, method, allow] of cases) {
        const response = await fetch(`${url}${path}`, { method });
        assert.equal(response.headers.get('allow'), allow, `${method} ${path}`);
        await assertError(response, 405, 'method_not_allowed');
      }
    });

    it('415s bodies that are not declared as JSON', async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
      ]) {
        const response = await post({ title: 'x' }, { 'content-type': contentType });
        await assertError(response, 415, 'unsupported_media_type');
      }
      const raw = await rawRequest(
        server.port,
        'POST /notes HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\nConnection: close\r\n\r\n{"title":"x"}',
      );
      assert.equal(raw.status, 415);
      assert.equal(
        (JSON.parse(raw.body) as { error: { code: string } }).error.code,
        'unsupported_media_type',
      );
    });

    it('accepts a body of exactly 64 KiB', async () => {
      const json = JSON.stringify({ title: 'padded', body: '' });
      const body = json + ' '.repeat(64 * 1024 - json.length);
      assert.equal(Buffer.byteLength(body), 65_536);
      assert.equal((await post(body)).status, 201);
    });

    it('413s a body declared larger than 64 KiB', async () => {
      const json = JSON.stringify({ title: 'padded', body: '' });
      const body = json + ' '.repeat(64 * 1024 + 1 - json.length);
      const error = await assertError(await post(body), 413, 'payload_too_large');
      assert.match(error.message, /65536 bytes/);
    });

    it('413s an oversized Content-Length at once, without waiting for the body', async () => {
      const socket = await connectRaw(server.port);
      try {
        const response = readResponse(socket);
        socket.write(
          'POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            'Content-Length: 10000000\r\n\r\n{',
        );
        const { status, body } = await response;
        assert.equal(status, 413);
        assert.equal(
          (JSON.parse(body) as { error: { code: string } }).error.code,
          'payload_too_large',
        );
      } finally {
        socket.destroy();
      }
    });

    it('cuts off a client that keeps sending long after a 413', async () => {
      const socket = await connectRaw(server.port);
      socket.on('error', () => {});
      const response = readResponse(socket);
      socket.write(
        'POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100000000\r\n\r\n',
      );
      assert.equal((await response).status, 413);
      // Up to 1 MiB more is read and discarded so the client can finish; past that, the
      // connection is closed instead of draining the remaining ~98 MiB.
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 40 && !socket.destroyed; i++) {
        socket.write(chunk);
        await sleep(5);
      }
      await waitForClose(socket, 5_000);
    });

    it('413s a chunked body once it passes 64 KiB, then serves the next request', async () => {
      const socket = await connectRaw(server.port);
      const received = readUntilClose(socket);
      const chunk = 'x'.repeat(16 * 1024);
      socket.write(
        'POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          'Transfer-Encoding: chunked\r\n\r\n' +
          `${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(5) +
          '0\r\n\r\n' +
          // Pipelined on the same connection: answered only if the refused body was drained.
          'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      const first = parseRawResponse(await received);
      assert.equal(first.status, 413);
      assert.equal(
        (JSON.parse(first.body) as { error: { code: string } }).error.code,
        'payload_too_large',
      );
      const second = parseRawResponse(first.rest);
      assert.equal(second.status, 200);
      assert.deepEqual(JSON.parse(second.body), { status: 'ok' });
    });

    it('400s malformed HTTP with a JSON error', async () => {
      const response = await rawRequest(server.port, 'THIS IS NOT HTTP\r\n\r\n');
      assert.equal(response.status, 400);
      assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(
        (JSON.parse(response.body) as { error: { code: string } }).error.code,
        'bad_request',
      );
    });
  });

  it('logs one line per request', async () => {
    const before = server.logs.length;
    await fetch(`${url}/notes/424242`);
    await fetch(`${url}/healthz`);
    // The log line is written when the response closes, which may trail the client by a tick.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = server.logs.slice(before);
    assert.equal(lines.length, 2);
    assert.deepEqual(
      lines.map(({ msg, method, path, status }) => ({ msg, method, path, status })),
      [
        { msg: 'request', method: 'GET', path: '/notes/424242', status: 404 },
        { msg: 'request', method: 'GET', path: '/healthz', status: 200 },
      ],
    );
    for (const line of lines) {
      assert.equal(line.level, 'info');
      assert.equal(typeof line.durationMs, 'number');
      assert.equal(typeof line.time, 'string');
    }
  });
});

describe('GET /healthz with a broken database', () => {
  it('answers 503', async () => {
    const store = new NotesStore(':memory:');
    const server = await startTestServer(store);
    try {
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      store.close();
      await assertError(await fetch(`${server.url}/healthz`), 503, 'unavailable');
    } finally {
      await server.close();
    }
  });

  it('answers 500 with a JSON error when a query fails unexpectedly', async () => {
    const store = new NotesStore(':memory:');
    const server = await startTestServer(store);
    try {
      store.close();
      await assertError(await fetch(`${server.url}/notes`), 500, 'internal_error');
      const logged = server.logs.find((line) => line.msg === 'unhandled error');
      assert.ok(logged, 'the failure is logged');
    } finally {
      await server.close();
    }
  });
});
