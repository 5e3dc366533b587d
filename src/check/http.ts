/**
 * goss's `http` check as a client: one request, redirects followed as Go's http.Client follows them (up to 10;
 * 301/302/303 turn into GET without a body; 307/308 keep both; credentials dropped for another host), TLS
 * verified against the roots the caller gives (the target's own bundle, or `ca-file`), `allow-insecure`,
 * client certificates, an explicit proxy (CONNECT for https), gzip asked for and undone as Go does, response
 * header names in Go's canonical form, and one deadline for the whole exchange.
 *
 * Where the bytes travel is not this module's business: `connect` opens a stream to host:port — a tunnel into
 * a container's network namespace in slipway, a plain TCP socket in tests.
 */
import { Buffer } from 'node:buffer';
import type { Duplex } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { GOSS_VERSION } from '../gossfile/index.js';
import { type Connect, openSocket, roundTrip, withSignal } from './http-wire.js';

export type { Connect } from './http-wire.js';

export interface HttpRequest {
  method: string;
  /** `Name: value` lines, as goss's `request-headers`. A `Host` header sets the request's host. */
  headers: readonly string[];
  body?: string;
  timeoutMs: number;
  allowInsecure: boolean;
  noFollowRedirects: boolean;
  username?: string;
  password?: string;
  /** PEM roots to verify servers against; an empty list trusts nothing (a system without a CA bundle). */
  roots: readonly string[];
  /** Client certificate and key (PEM), sent when the server asks. */
  cert?: string;
  key?: string;
  /** `http://host:port` of a proxy; none when absent (goss uses a proxy only when told). */
  proxy?: string;
  /** Read the body (goss reads it only for a `body` check; a status check must not wait on a stream). */
  readBody?: boolean;
}

export interface HttpResponse {
  status: number;
  /** `Name: value`, one line per value, names canonical (`Content-Type`). */
  headers: string[];
  body: string;
}

export class HttpError extends Error {}

const MAX_REDIRECTS = 10;
const SENSITIVE = ['authorization', 'www-authenticate', 'cookie', 'cookie2'];

export async function httpRequest(url: string, req: HttpRequest, connect: Connect): Promise<HttpResponse> {
  const deadline = Date.now() + req.timeoutMs;
  let current = parseUrl(url);
  let method = req.method;
  let body = req.body;
  // Credentials in the URL are basic auth, as Go makes them (the spec's username/password win).
  const inUrl = current.username || current.password;
  let headers = requestHeaders(
    inUrl && !req.username && !req.password
      ? {
          ...req,
          username: decodeURIComponent(current.username),
          password: decodeURIComponent(current.password),
        }
      : req,
  );
  const firstHost = current.host;
  for (let hop = 0; ; hop++) {
    const res = await exchange(current, method, headers, body, req, connect, deadline);
    const location = res.location;
    const redirect = [301, 302, 303, 307, 308].includes(res.status) && location !== undefined;
    if (!redirect || req.noFollowRedirects) return res.response;
    // Go's default policy: the 10th redirect is an error.
    if (hop + 1 >= MAX_REDIRECTS)
      throw new HttpError(`${method} ${url}: stopped after ${MAX_REDIRECTS} redirects`);
    const next = parseUrl(new URL(location, current.href).href);
    if (res.status <= 303) {
      if (method.toUpperCase() !== 'GET' && method.toUpperCase() !== 'HEAD') method = 'GET';
      body = undefined;
      headers = headers.filter(([n]) => !['content-type', 'content-length'].includes(n.toLowerCase()));
    }
    if (next.host !== firstHost) headers = headers.filter(([n]) => !SENSITIVE.includes(n.toLowerCase()));
    // A Host header given for the request is kept only while redirects stay on the same host.
    if (next.host !== current.host) headers = headers.filter(([n]) => n.toLowerCase() !== 'host');
    current = next;
  }
}

function parseUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new HttpError(`'${raw}' is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new HttpError(`unsupported protocol scheme "${u.protocol.replace(/:$/, '')}"`);
  return u;
}

/** The URL as a request line (or a proxy) sees it: no credentials, no fragment. */
function requestTarget(u: URL): string {
  const c = new URL(u.href);
  c.username = '';
  c.password = '';
  c.hash = '';
  return c.href;
}

function requestHeaders(req: HttpRequest): [string, string][] {
  const out: [string, string][] = [];
  for (const line of req.headers) {
    const i = line.indexOf(': ');
    if (i <= 0) throw new HttpError(`request header '${line}': expected 'Name: value'`);
    out.push([line.slice(0, i), line.slice(i + 2)]);
  }
  // goss sets basic auth only when a user name or password is given (non-empty).
  if (req.username || req.password) {
    const token = Buffer.from(`${req.username ?? ''}:${req.password ?? ''}`).toString('base64');
    out.push(['Authorization', `Basic ${token}`]);
  }
  return out;
}

interface Exchanged {
  status: number;
  location: string | undefined;
  response: HttpResponse;
}

async function exchange(
  url: URL,
  method: string,
  headers: [string, string][],
  body: string | undefined,
  req: HttpRequest,
  connect: Connect,
  deadline: number,
): Promise<Exchanged> {
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (secure ? 443 : 80));
  const proxy = req.proxy ? parseUrl(req.proxy) : null;
  const remaining = () => deadline - Date.now();
  if (remaining() <= 0) throw timeout(method, url, req);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), remaining());
  let socket: Duplex | undefined;
  try {
    socket = await withSignal(
      openSocket(host, port, secure, proxy, req, connect, controller.signal),
      controller.signal,
    );
    const hostHeader = headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? url.host;
    const sent = new Map<string, string[]>();
    const add = (n: string, v: string) => sent.set(n, [...(sent.get(n) ?? []), v]);
    add('Host', hostHeader);
    for (const [n, v] of headers) if (n.toLowerCase() !== 'host') add(n, v);
    const has = (n: string) => [...sent.keys()].some((k) => k.toLowerCase() === n);
    // goss sets `User-Agent: goss/<version>` unless the spec's request-headers give one (system/http.go).
    if (!has('user-agent')) add('User-Agent', `goss/${GOSS_VERSION}`);
    // Go asks for gzip itself (and then undoes it) unless the caller chose an encoding or a range.
    const transparentGzip = !has('accept-encoding') && !has('range') && method.toUpperCase() !== 'HEAD';
    if (transparentGzip) add('Accept-Encoding', 'gzip');
    if (body !== undefined && body !== '') add('Content-Length', String(Buffer.byteLength(body)));
    add('Connection', 'close');
    const path = proxy && !secure ? requestTarget(url) : `${url.pathname}${url.search}`;
    const res = await withSignal(
      roundTrip(socket, method, path, sent, body, req.readBody ?? true, controller.signal),
      controller.signal,
    );
    let data = res.body;
    const names = res.rawHeaders;
    // Go takes these out of the response's header map: the framing, and `Connection: close` of HTTP/1.1.
    let drop = ['transfer-encoding'];
    if (res.version === '1.1' && /\bclose\b/i.test(header(names, 'connection') ?? ''))
      drop = [...drop, 'connection'];
    const encoding = header(names, 'content-encoding');
    // An empty body (204, 304, Content-Length: 0) is not decoded, and keeps its headers.
    if (transparentGzip && encoding?.toLowerCase() === 'gzip' && data.length > 0) {
      try {
        data = gunzipSync(data);
      } catch (e) {
        throw new HttpError(`${method} ${url.href}: bad gzip body: ${(e as Error).message}`);
      }
      drop = [...drop, 'content-encoding', 'content-length'];
    }
    const lines: string[] = [];
    for (let i = 0; i + 1 < names.length; i += 2) {
      const name = canonical(names[i] as string);
      if (!drop.includes(name.toLowerCase())) lines.push(`${name}: ${names[i + 1]}`);
    }
    return {
      status: res.status,
      location: header(names, 'location'),
      // goss joins the header lines sorted.
      response: { status: res.status, headers: lines.sort(), body: data.toString('utf8') },
    };
  } catch (e) {
    if (controller.signal.aborted) throw timeout(method, url, req);
    if (e instanceof HttpError) throw e;
    throw new HttpError(`${method} ${url.href}: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
    socket?.destroy();
  }
}

const timeout = (method: string, url: URL, req: HttpRequest) =>
  new HttpError(`${method} ${url.href}: no complete response within ${req.timeoutMs} ms (timeout)`);

function header(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2)
    if ((raw[i] as string).toLowerCase() === name) return raw[i + 1];
  return undefined;
}

/** Go's textproto canonical header key: `content-type` → `Content-Type` (names with odd bytes stay as sent). */
export function canonical(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
}
