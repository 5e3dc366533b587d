import type { IncomingMessage, ServerResponse } from 'node:http';
import { BODY_MAX_LENGTH, type NoteInput, type NotesStore, TITLE_MAX_LENGTH } from './db.js';
import type { Logger } from './log.js';

/** Largest request body accepted, in bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** After a 413, at most this many more body bytes are read and discarded before the connection is cut. */
const DISCARD_LIMIT_BYTES = 1024 * 1024;

export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 500;

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface AppOptions {
  store: NotesStore;
  logger: Logger;
}

/** An error that becomes a JSON error response: {"error":{"code","message"}}. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

interface Route {
  params: Record<string, string>;
  allow: readonly string[];
  handlers: Partial<Record<string, Handler>>;
}

type Handler = (ctx: Context) => Promise<void> | void;

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  store: NotesStore;
  params: Record<string, string>;
  query: URLSearchParams;
}

/** Builds the request listener for a `node:http` server. */
export function createApp({ store, logger }: AppOptions): RequestHandler {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const { path, query } = splitUrl(req.url ?? '/');

    // One log line per request, whether it completed or the client went away first.
    res.once('close', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info('request', {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 1000) / 1000,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });

    handle({ req, res, store, params: {}, query }, path).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendError(res, error);
        return;
      }
      if (error instanceof ClientGoneError) {
        res.destroy();
        return;
      }
      logger.error('unhandled error', { method: req.method, path, error });
      sendError(res, new HttpError(500, 'internal_error', 'Internal server error'));
    });
  };
}

async function handle(ctx: Context, path: string): Promise<void> {
  const route = matchRoute(path);
  if (route === undefined) {
    throw new HttpError(404, 'not_found', `No route for ${path}`);
  }
  const method = ctx.req.method ?? 'GET';
  const key = method === 'HEAD' ? 'GET' : method;
  const handler = Object.hasOwn(route.handlers, key) ? route.handlers[key] : undefined;
  if (handler === undefined) {
    throw new HttpError(405, 'method_not_allowed', `Method ${method} is not allowed on ${path}`, {
      Allow: route.allow.join(', '),
    });
  }
  await handler({ ...ctx, params: route.params });
}

const NOTE_PATH = /^\/notes\/([^/]+)$/;

function matchRoute(path: string): Route | undefined {
  if (path === '/healthz') {
    return { params: {}, allow: ['GET', 'HEAD'], handlers: { GET: health } };
  }
  if (path === '/notes') {
    return {
      params: {},
      allow: ['GET', 'HEAD', 'POST'],
      handlers: { GET: listNotes, POST: createNote },
    };
  }
  const match = NOTE_PATH.exec(path);
  if (match?.[1] !== undefined) {
    return {
      params: { id: match[1] },
      allow: ['GET', 'HEAD', 'PUT', 'DELETE'],
      handlers: { GET: getNote, PUT: updateNote, DELETE: deleteNote },
    };
  }
  return undefined;
}

// --- handlers ---------------------------------------------------------------------------------

function health({ res, store }: Context): void {
  try {
    store.ping();
  } catch {
    throw new HttpError(503, 'unavailable', 'Database is unavailable');
  }
  sendJson(res, 200, { status: 'ok' });
}

function listNotes({ res, store, query }: Context): void {
  const limit = queryInteger(query, 'limit', LIST_DEFAULT_LIMIT, 1, LIST_MAX_LIMIT);
  const offset = queryInteger(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const page = store.list({ limit, offset });
  sendJson(res, 200, { notes: page.notes, total: page.total, limit, offset });
}

async function createNote({ req, res, store }: Context): Promise<void> {
  const input = parseNoteInput(await readJson(req));
  const note = store.create(input);
  sendJson(res, 201, note, { Location: `/notes/${note.id}` });
}

function getNote({ res, store, params }: Context): void {
  const id = noteId(params);
  const note = store.get(id);
  if (note === undefined) throw noteNotFound(id);
  sendJson(res, 200, note);
}

async function updateNote({ req, res, store, params }: Context): Promise<void> {
  const id = noteId(params);
  const input = parseNoteInput(await readJson(req));
  const note = store.update(id, input);
  if (note === undefined) throw noteNotFound(id);
  sendJson(res, 200, note);
}

function deleteNote({ res, store, params }: Context): void {
  const id = noteId(params);
  if (!store.delete(id)) throw noteNotFound(id);
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
}

// --- input ------------------------------------------------------------------------------------

/** Ids are positive integers written plainly; anything else names no note. */
function noteId(params: Record<string, string>): number {
  const raw = params.id ?? '';
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id)) {
    throw new HttpError(404, 'not_found', `Note ${JSON.stringify(raw)} not found`);
  }
  return id;
}

function noteNotFound(id: number): HttpError {
  return new HttpError(404, 'not_found', `Note ${id} not found`);
}

function queryInteger(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^[0-9]{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new HttpError(
      400,
      'validation_failed',
      `Query parameter ${name} must be an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/** Length in characters (code points), the unit SQLite's length() uses. */
function charLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Validates a POST/PUT body: {"title": string, "body"?: string}; body defaults to "". */
export function parseNoteInput(value: unknown): NoteInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validation('Request body must be a JSON object');
  }
  const problems: string[] = [];
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'title' && key !== 'body') problems.push(`unknown field ${JSON.stringify(key)}`);
  }

  const { title, body = '' } = fields;
  if (typeof title !== 'string') {
    problems.push('title is required and must be a string');
  } else {
    const length = charLength(title);
    if (length < 1 || length > TITLE_MAX_LENGTH) {
      problems.push(`title must be 1 to ${TITLE_MAX_LENGTH} characters long`);
    } else if (title.trim() === '') {
      problems.push('title must not be blank');
    } else if (CONTROL_CHARS.test(title)) {
      problems.push('title must not contain control characters');
    }
  }
  if (typeof body !== 'string') {
    problems.push('body must be a string');
  } else if (charLength(body) > BODY_MAX_LENGTH) {
    problems.push(`body must be at most ${BODY_MAX_LENGTH} characters long`);
  }

  if (problems.length > 0) throw validation(`Invalid note: ${problems.join('; ')}`);
  return { title: title as string, body: body as string };
}

function validation(message: string): HttpError {
  return new HttpError(400, 'validation_failed', message);
}

/** The request ended before its body did (client disconnected). */
class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a JSON request body, enforcing media type, size limit and syntax. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const contentType = req.headers['content-type'];
  if (!isJsonMediaType(contentType)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Content-Type must be application/json (UTF-8)',
    );
  }

  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > BODY_LIMIT_BYTES) {
    discardBody(req);
    throw tooLarge();
  }

  const body = await readBody(req, BODY_LIMIT_BYTES);
  if (body === undefined) {
    discardBody(req);
    throw tooLarge();
  }

  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new HttpError(400, 'invalid_json', 'Request body is not valid UTF-8');
  }
  if (text.trim() === '') {
    throw new HttpError(400, 'invalid_json', 'Request body is empty');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : '';
    throw new HttpError(400, 'invalid_json', `Request body is not valid JSON${detail}`);
  }
}

function tooLarge(): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `Request body must not exceed ${BODY_LIMIT_BYTES} bytes`,
  );
}

function isJsonMediaType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [essence = '', ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (essence !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(essence)) {
    return false;
  }
  for (const param of params) {
    const [name, rawValue = ''] = param.split('=', 2).map((part) => part.trim());
    if (name === 'charset' && rawValue.replace(/^"|"$/g, '') !== 'utf-8') return false;
  }
  return true;
}

/**
 * Collects the body. Resolves undefined as soon as it exceeds `limit` bytes (the rest is left
 * unread), and rejects with ClientGoneError if the request is cut off.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onGone = () => {
      cleanup();
      reject(new ClientGoneError('request closed before its body was complete'));
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onGone);
    req.once('close', onGone);
  });
}

/**
 * After refusing a body, keep reading and discarding it so the client can see the response
 * and the connection can be reused; a client that keeps sending far past the limit is cut off.
 */
function discardBody(req: IncomingMessage): void {
  if (req.complete) return;
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) {
      req.socket.destroy();
    }
  });
  req.on('error', () => {});
  req.resume();
}

// --- output -----------------------------------------------------------------------------------

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendError(res: ServerResponse, error: HttpError): void {
  if (res.headersSent || res.destroyed) {
    // Too late for a clean error response; cut the connection so the client sees a failure.
    res.destroy();
    return;
  }
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message } },
    error.headers,
  );
}

function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const mark = url.indexOf('?');
  if (mark === -1) return { path: url, query: new URLSearchParams() };
  return { path: url.slice(0, mark), query: new URLSearchParams(url.slice(mark + 1)) };
}
