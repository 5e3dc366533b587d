/**
 * goss system/http.go: one request with the resource's settings, made from inside the target's network
 * namespace by goss's client (check/http.ts); declared in gossfile/resources/http.ts.
 */
import { errorMessage } from '../../core/errors.js';
import type { Identity } from '../../gossfile/observation.js';
import { type HttpResponse, httpRequest } from '../http.js';
import type { RunningTarget } from '../target.js';
import { failing, type Observer, val } from './observer.js';

export const http: Observer = {
  needs: 'helper',
  async observe(t, { live }) {
    try {
      const res = await request(live, t);
      return { status: val(res.status), body: val(res.body), headers: val(res.headers) };
    } catch (e) {
      return failing(['status', 'body', 'headers'], errorMessage(e));
    }
  },
};

/**
 * The request: files named by `ca-file`, `cert-file` and `key-file` are the container's, as they would be for
 * goss in it. The body is read only when `body` is declared.
 */
async function request(live: RunningTarget, t: Identity): Promise<HttpResponse> {
  const { options } = t;
  const timeoutMs = Number(options.timeout);
  const str = (k: string) => (options[k] === undefined ? undefined : String(options[k]));
  const fs = live.filesystem();
  const read = async (key: string) => {
    const path = str(key);
    if (path === undefined) return undefined;
    const text = await fs.readText(path);
    if (text === null) throw new Error(`${key} ${path}: no such file in the container`);
    return text;
  };
  const caFile = await read('ca-file');
  return httpRequest(
    t.target,
    {
      method: String(options.method),
      headers: ((options['request-headers'] as unknown[] | undefined) ?? []).map(String),
      ...optional('body', str('request-body')),
      timeoutMs,
      allowInsecure: options['allow-insecure'] === true,
      noFollowRedirects: options['no-follow-redirects'] === true,
      ...optional('username', str('username')),
      ...optional('password', str('password')),
      roots: caFile !== undefined ? [caFile] : await systemRoots(fs),
      ...optional('cert', await read('cert-file')),
      ...optional('key', await read('key-file')),
      ...optional('proxy', str('proxy')),
      readBody: t.properties.includes('body'),
    },
    (host, port) => live.namespaces.connect(host, port, timeoutMs),
  );
}

const optional = <K extends string>(key: K, v: string | undefined) =>
  (v === undefined ? {} : { [key]: v }) as { [k in K]?: string };

/**
 * The roots a program in the container trusts by default: the first CA bundle found where Go's crypto/x509
 * looks on Linux (Debian, RHEL, openSUSE, Alpine...). None found: nothing is trusted, as goss would see it.
 */
const BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

async function systemRoots(fs: { readText(path: string): Promise<string | null> }): Promise<string[]> {
  for (const path of BUNDLES) {
    const text = await fs.readText(path);
    if (text !== null) return [text];
  }
  return [];
}
