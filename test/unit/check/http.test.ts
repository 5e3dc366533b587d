import { rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { type AddressInfo, connect as netConnect, type Socket } from 'node:net';
import { type Duplex, PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connect, canonical, type HttpRequest, httpRequest } from '../../../src/check/http.js';
import { GOSS_VERSION } from '../../../src/gossfile/index.js';
import { makePki, type TestPki } from '../../helpers/certs.js';

/**
 * The goss http client against real local servers (plain TCP stands in for the tunnel into a container).
 * `localhost` and 127.0.0.1 both reach them, so a redirect between the two is a redirect to another host.
 */
const connect: Connect = (host, port) =>
  new Promise((resolve, reject) => {
    const s: Socket = netConnect({ host: host === 'localhost' ? '127.0.0.1' : host, port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });

const base: HttpRequest = {
  method: 'GET',
  headers: [],
  timeoutMs: 3000,
  allowInsecure: false,
  noFollowRedirects: false,
  roots: [],
};

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

const sockets = new Set<Socket>();

function listen(server: http.Server): Promise<number> {
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function serve(handler: Handler, tls?: https.ServerOptions): http.Server {
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => handler(req, body, res));
  };
  return tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
}

describe('httpRequest (goss http semantics)', () => {
  let pki: TestPki;
  const servers: http.Server[] = [];
  let plain: number;
  let secure: number;
  let mutual: number;
  let proxyPort: number;
  const proxied: string[] = [];

  beforeAll(async () => {
    pki = makePki();
    const app = serve((req, body, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const hop = Number(u.searchParams.get('n') ?? 0);
      switch (u.pathname) {
        case '/echo':
          res.setHeader('x-custom-thing', 'yes');
          res.end(
            JSON.stringify({
              method: req.method,
              body,
              host: req.headers.host,
              auth: req.headers.authorization ?? null,
              agent: req.headers['user-agent'] ?? null,
            }),
          );
          return;
        case '/chunked':
          res.write('part one, ');
          res.end('part two');
          return;
        case '/gzip':
          if (/gzip/.test(String(req.headers['accept-encoding']))) {
            res.setHeader('Content-Encoding', 'gzip');
            res.end(gzipSync('squeezed text'));
          } else res.end('plain text');
          return;
        case '/redirect':
          res.writeHead(Number(u.searchParams.get('code') ?? 302), {
            Location: String(u.searchParams.get('to')),
          });
          res.end();
          return;
        case '/loop':
          res.writeHead(302, { Location: `/loop?n=${hop + 1}` });
          res.end();
          return;
        case '/slow':
          return; // never answers
        case '/stream':
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          res.write('data: 1\n\n'); // and never ends
          return;
        case '/empty-gzip':
          res.writeHead(204, { 'Content-Encoding': 'gzip' });
          res.end();
          return;
        case '/chain': {
          const left = Number(u.searchParams.get('left'));
          if (left > 0) res.writeHead(302, { Location: `/chain?left=${left - 1}` }).end();
          else res.end('arrived');
          return;
        }
        default:
          res.statusCode = 404;
          res.end('nope');
      }
    });
    servers.push(app);
    plain = await listen(app);
    const tlsApp = serve((_req, _body, res) => res.end('secret'), {
      cert: pki.serverCert,
      key: pki.serverKey,
    });
    servers.push(tlsApp);
    secure = await listen(tlsApp);
    const mtls = serve(
      (req, _b, res) =>
        res.end(`hello ${(req.socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN}`),
      { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
    );
    servers.push(mtls);
    mutual = await listen(mtls);
    // A forward proxy: absolute-form requests are fetched, CONNECT is tunnelled.
    const proxy = http.createServer((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      const up = http.request(
        {
          host: '127.0.0.1',
          port: target.port,
          path: target.pathname + target.search,
          method: req.method,
          headers: req.headers,
        },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      proxied.push(`CONNECT ${req.url}`);
      const [, port] = String(req.url).split(':');
      const up = netConnect({ host: '127.0.0.1', port: Number(port) }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(client);
        client.pipe(up);
      });
      up.on('error', () => client.destroy());
    });
    servers.push(proxy);
    proxyPort = await listen(proxy);
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(pki.dir, { recursive: true, force: true });
  });

  const url = (path: string) => `http://127.0.0.1:${plain}${path}`;

  it('returns status, body and headers with Go-canonical names; chunked framing is not a header', async () => {
    const r = await httpRequest(url('/echo'), base, connect);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ method: 'GET', host: `127.0.0.1:${plain}` });
    expect(r.headers).toContain('X-Custom-Thing: yes');
    const c = await httpRequest(url('/chunked'), base, connect);
    expect(c.body).toBe('part one, part two');
    expect(c.headers.some((h) => /^transfer-encoding/i.test(h))).toBe(false);
    expect((await httpRequest(url('/missing'), base, connect)).status).toBe(404);
  });

  it('sends method, body, request headers (a Host header sets the host) and basic auth', async () => {
    const r = await httpRequest(
      url('/echo'),
      {
        ...base,
        method: 'POST',
        body: '{"a":1}',
        headers: ['Host: api.example', 'X-Trace: 1'],
        username: 'u',
        password: 'p',
      },
      connect,
    );
    expect(JSON.parse(r.body)).toEqual({
      method: 'POST',
      body: '{"a":1}',
      host: 'api.example',
      auth: `Basic ${Buffer.from('u:p').toString('base64')}`,
      agent: `goss/${GOSS_VERSION}`,
    });
    await expect(httpRequest(url('/echo'), { ...base, headers: ['NoColon'] }, connect)).rejects.toThrow(
      /Name: value/,
    );
  });

  it("sends goss's User-Agent (goss/<version>) unless the spec's request-headers set one", async () => {
    const agent = async (headers: string[]) =>
      (JSON.parse((await httpRequest(url('/echo'), { ...base, headers }, connect)).body) as { agent: string })
        .agent;
    expect(await agent([])).toBe('goss/v0.4.9');
    expect(await agent(['User-Agent: probe/1'])).toBe('probe/1');
    expect(await agent(['user-agent: probe/2'])).toBe('probe/2');
  });

  it('follows redirects as Go does: 302/303 become GET without body, 307 keeps both; no-follow returns the redirect', async () => {
    const to = encodeURIComponent('/echo');
    const r302 = await httpRequest(
      url(`/redirect?code=302&to=${to}`),
      { ...base, method: 'POST', body: 'x' },
      connect,
    );
    expect(JSON.parse(r302.body)).toMatchObject({ method: 'GET', body: '' });
    const r307 = await httpRequest(
      url(`/redirect?code=307&to=${to}`),
      { ...base, method: 'POST', body: 'x' },
      connect,
    );
    expect(JSON.parse(r307.body)).toMatchObject({ method: 'POST', body: 'x' });
    const held = await httpRequest(
      url(`/redirect?code=301&to=${to}`),
      { ...base, noFollowRedirects: true },
      connect,
    );
    expect(held.status).toBe(301);
    expect(held.headers).toContain('Location: /echo');
    await expect(httpRequest(url('/loop'), base, connect)).rejects.toThrow(/stopped after 10 redirects/);
  });

  it('drops credentials when a redirect leaves the host, keeps them on the same host', async () => {
    const other = encodeURIComponent(`http://localhost:${plain}/echo`);
    const away = await httpRequest(
      url(`/redirect?to=${other}`),
      { ...base, username: 'u', password: 'p' },
      connect,
    );
    expect(JSON.parse(away.body).auth).toBeNull();
    const same = await httpRequest(
      url(`/redirect?to=${encodeURIComponent('/echo')}`),
      { ...base, username: 'u', password: 'p' },
      connect,
    );
    expect(JSON.parse(same.body).auth).toMatch(/^Basic /);
  });

  it('stops at the 10th redirect as Go does; 9 are followed', async () => {
    expect((await httpRequest(url('/chain?left=9'), base, connect)).body).toBe('arrived');
    await expect(httpRequest(url('/chain?left=10'), base, connect)).rejects.toThrow(
      /stopped after 10 redirects/,
    );
  });

  it('a Host header and credentials stay with their host; URL credentials are basic auth', async () => {
    const other = encodeURIComponent(`http://localhost:${plain}/echo`);
    const r = await httpRequest(
      url(`/redirect?to=${other}`),
      { ...base, headers: ['Host: api.example'] },
      connect,
    );
    expect(JSON.parse(r.body).host).toBe(`localhost:${plain}`);
    const creds = await httpRequest(`http://u:p%40ss@127.0.0.1:${plain}/echo`, base, connect);
    expect(JSON.parse(creds.body).auth).toBe(`Basic ${Buffer.from('u:p@ss').toString('base64')}`);
  });

  it("reports Go's header map: no Connection: close; an empty gzip body keeps its headers", async () => {
    expect(
      (await httpRequest(url('/echo'), base, connect)).headers.some((h) => h.startsWith('Connection')),
    ).toBe(false);
    const e = await httpRequest(url('/empty-gzip'), base, connect);
    expect(e.status).toBe(204);
    expect(e.headers).toContain('Content-Encoding: gzip');
  });

  it('a stream that arrives after the deadline is closed, and its late error goes nowhere', async () => {
    let late: Duplex | undefined;
    const slow: Connect = async () => {
      await new Promise((r) => setTimeout(r, 150));
      late = new PassThrough();
      setTimeout(() => late?.destroy(new Error('connection refused, too late')), 20);
      return late;
    };
    await expect(httpRequest('http://127.0.0.1:1/', { ...base, timeoutMs: 50 }, slow)).rejects.toThrow(
      /within 50 ms/,
    );
    await new Promise((r) => setTimeout(r, 250)); // an unhandled 'error' would fail the run here
    expect(late?.destroyed).toBe(true);
  });

  it('a status-only check does not wait for the body (a stream that never ends)', async () => {
    const r = await httpRequest(url('/stream'), { ...base, timeoutMs: 1000, readBody: false }, connect);
    expect(r.status).toBe(200);
    await expect(httpRequest(url('/stream'), { ...base, timeoutMs: 300 }, connect)).rejects.toThrow(
      /within 300 ms/,
    );
  });

  it('asks for gzip and undoes it (dropping Content-Encoding/Length) unless the spec chose an encoding', async () => {
    const r = await httpRequest(url('/gzip'), base, connect);
    expect(r.body).toBe('squeezed text');
    expect(r.headers.some((h) => /^Content-(Encoding|Length)/.test(h))).toBe(false);
    const raw = await httpRequest(url('/gzip'), { ...base, headers: ['Accept-Encoding: identity'] }, connect);
    expect(raw.body).toBe('plain text');
  });

  it('one deadline for the whole exchange; a refused connection is an error, not a status', async () => {
    const t0 = Date.now();
    await expect(httpRequest(url('/slow'), { ...base, timeoutMs: 300 }, connect)).rejects.toThrow(
      /within 300 ms/,
    );
    expect(Date.now() - t0).toBeLessThan(3000);
    await expect(httpRequest('http://127.0.0.1:1/', base, connect)).rejects.toThrow(/ECONNREFUSED/);
    await expect(httpRequest('ftp://x/', base, connect)).rejects.toThrow(/unsupported protocol scheme "ftp"/);
  });

  it('verifies TLS against the given roots only; allow-insecure skips it; the name must match', async () => {
    const u = `https://localhost:${secure}/`;
    expect((await httpRequest(u, { ...base, roots: [pki.ca] }, connect)).body).toBe('secret');
    await expect(httpRequest(u, base, connect)).rejects.toThrow(
      /TLS: .*(issuer|self.signed|unable to verify)/i,
    );
    expect((await httpRequest(u, { ...base, allowInsecure: true }, connect)).status).toBe(200);
    expect(
      (await httpRequest(`https://127.0.0.1:${secure}/`, { ...base, roots: [pki.ca] }, connect)).status,
    ).toBe(200);
    // Same server, a name its certificate does not carry.
    const wrongName: Connect = (_h, p) => connect('127.0.0.1', p);
    await expect(
      httpRequest(`https://db.internal:${secure}/`, { ...base, roots: [pki.ca] }, wrongName),
    ).rejects.toThrow(/altnames|not in the cert/i);
  });

  it('presents a client certificate when given one', async () => {
    const u = `https://localhost:${mutual}/`;
    const r = await httpRequest(
      u,
      { ...base, roots: [pki.ca], cert: pki.clientCert, key: pki.clientKey },
      connect,
    );
    expect(r.body).toBe('hello slipway client');
    await expect(httpRequest(u, { ...base, roots: [pki.ca] }, connect)).rejects.toThrow();
  });

  it('goes through a proxy when told: absolute URI for http, CONNECT for https', async () => {
    const proxy = `http://127.0.0.1:${proxyPort}`;
    proxied.length = 0;
    const r = await httpRequest(url('/echo'), { ...base, proxy }, connect);
    expect(r.status).toBe(200);
    const s = await httpRequest(`https://localhost:${secure}/`, { ...base, proxy, roots: [pki.ca] }, connect);
    expect(s.body).toBe('secret');
    expect(proxied).toEqual([`GET ${url('/echo')}`, `CONNECT localhost:${secure}`]);
  });

  it('canonical header names as Go writes them', () => {
    expect(['content-type', 'ETAG', 'x-request-id', 'www-authenticate', 'odd name'].map(canonical)).toEqual([
      'Content-Type',
      'Etag',
      'X-Request-Id',
      'Www-Authenticate',
      'odd name',
    ]);
  });
});
