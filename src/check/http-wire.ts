/**
 * The bytes of one exchange of goss's HTTP client (http.ts): a stream opened through `connect` — directly,
 * through a proxy's CONNECT, wrapped in TLS verified as Go verifies —, and one request and response over it.
 */
import { Buffer } from 'node:buffer';
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';

/** Opens a stream to host:port (a tunnel into a container's network namespace, a plain socket in tests). */
export type Connect = (host: string, port: number) => Promise<Duplex>;

/** How the server is verified and the client known (http.ts `HttpRequest`). */
export interface TlsSettings {
  roots: readonly string[];
  allowInsecure: boolean;
  cert?: string;
  key?: string;
}

/** A stream to host:port for one exchange: directly or through the proxy (CONNECT for https), TLS when secure. */
export async function openSocket(
  host: string,
  port: number,
  secure: boolean,
  proxy: URL | null,
  req: TlsSettings,
  connect: Connect,
  signal: AbortSignal,
): Promise<Duplex> {
  // A stream that arrives after the deadline is nobody's: close it, and never let its late errors escape.
  const adopt = (s: Duplex): Duplex => {
    s.on('error', () => undefined);
    if (signal.aborted) {
      s.destroy();
      throw new Error('aborted');
    }
    signal.addEventListener('abort', () => s.destroy(), { once: true });
    return s;
  };
  let raw: Duplex;
  if (proxy) {
    const proxyPort = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
    raw = adopt(await connect(proxy.hostname.replace(/^\[|\]$/g, ''), proxyPort));
    // CONNECT names host:port always (the default port too), as Go does.
    const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    if (secure) raw = adopt(await connectThrough(raw, authority, proxy, signal));
  } else raw = adopt(await connect(host, port));
  if (!secure) return raw;
  return new Promise<Duplex>((resolve, reject) => {
    const isIp = /^[\d.]+$|:/.test(host);
    const s = tls.connect({
      socket: raw,
      ...(isIp ? {} : { servername: host }),
      ca: [...req.roots],
      rejectUnauthorized: !req.allowInsecure,
      ...(req.cert ? { cert: req.cert } : {}),
      ...(req.key ? { key: req.key } : {}),
      // Verified as Go verifies: the name in the URL (IP literals against IP SANs).
      checkServerIdentity: (_n, cert) => tls.checkServerIdentity(host, cert),
      ALPNProtocols: ['http/1.1'],
    });
    s.once('secureConnect', () => resolve(s));
    s.once('error', (e: Error & { reason?: string }) => reject(new Error(`TLS: ${e.reason ?? e.message}`)));
    signal.addEventListener('abort', () => s.destroy(), { once: true });
  });
}

/** An HTTP CONNECT through a proxy: the stream afterwards reaches host:port. */
function connectThrough(raw: Duplex, authority: string, proxy: URL, signal: AbortSignal): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const auth = proxy.username
      ? {
          'Proxy-Authorization': `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`,
        }
      : {};
    const r = http.request({
      method: 'CONNECT',
      path: authority,
      headers: { Host: authority, ...auth },
      createConnection: () => raw as never,
      signal,
    });
    r.once('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(
          new Error(
            `proxy ${proxy.host} refused CONNECT ${authority}: ${res.statusCode} ${res.statusMessage}`,
          ),
        );
        return;
      }
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    r.once('error', reject);
    r.end();
  });
}

/** One request and its response over `socket` (the body read only when `readBody`). */
export function roundTrip(
  socket: Duplex,
  method: string,
  path: string,
  headers: Map<string, string[]>,
  body: string | undefined,
  readBody: boolean,
  signal: AbortSignal,
): Promise<{ status: number; version: string; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const r = http.request({
      method,
      path,
      headers: [...headers].flatMap(([n, vs]) => vs.flatMap((v) => [n, v])),
      setHost: false,
      createConnection: () => socket as never,
      signal,
    });
    r.once('response', (res) => {
      const head = { status: res.statusCode ?? 0, version: res.httpVersion, rawHeaders: res.rawHeaders };
      if (!readBody) {
        resolve({ ...head, body: Buffer.alloc(0) });
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ ...head, body: Buffer.concat(chunks) }));
      res.once('error', reject);
      res.once('aborted', () => reject(new Error('the connection closed before the body was complete')));
    });
    r.once('error', reject);
    if (body !== undefined && body !== '') r.write(body);
    r.end();
  });
}

/** `p`, or a rejection as soon as `signal` aborts. */
export function withSignal<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) reject(new Error('aborted'));
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    p.then(resolve, reject);
  });
}
