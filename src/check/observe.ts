import { createHash } from 'node:crypto';
import { errorMessage } from '../core/errors.js';
import type { DeclaredResource, Observed } from '../gossfile/index.js';
import { targetOf } from '../gossfile/index.js';
import type { FsObserver } from '../probe/observe-fs.js';
import { gossLookup } from './dns/lookup.js';
import type { ExecResult } from './exec.js';
import { goDuration } from './go-duration.js';
import { type HttpResponse, httpRequest } from './http.js';
import { parseMountinfo, socketsOf, usagePercent } from './readings.js';
import {
  detectService,
  observeService,
  type ServiceBackend,
  type ServiceSystem,
  serviceFacts,
} from './service.js';
import type { RunningTarget } from './target.js';

/** Property name (goss's YAML key) → what was observed. */
export type Observation = Record<string, Observed>;

const val = (value: unknown): Observed => ({ value });

export interface Observers {
  fs: FsObserver;
  /** The running container, or why there is none. */
  live: () => Promise<RunningTarget>;
  /** Results of commands already run as one batch, by resource. */
  batched?: Promise<Map<DeclaredResource, ExecResult>>;
}

/** The shell command line a command resource runs, when it is one (a string exec). */
export function shellCommand(r: DeclaredResource): string | null {
  if (r.type !== 'command' || r.skip) return null;
  const exec = r.options.exec ?? r.id;
  return typeof exec === 'string' ? exec : null;
}

/** Observes what one resource's properties need. Never sees the expected values. */
export async function observe(r: DeclaredResource, o: Observers): Promise<Observation> {
  const target = String(targetOf(r) ?? r.id);
  const wanted = new Set(r.properties.map((p) => p.name));
  switch (r.type) {
    case 'file': {
      // goss expands `~user` in the path; when that fails, every property fails with the lookup's error.
      const expanded = await o.fs.expandPath(target);
      if ('error' in expanded)
        return Object.fromEntries([...wanted].map((p) => [p, { error: expanded.error }]));
      const path = expanded.path;
      const f = await o.fs.file(path, wanted.has('owner') || wanted.has('group'));
      const named = (v: string | { error: string } | null): Observed =>
        v !== null && typeof v === 'object' ? v : val(v);
      const obs: Observation = {
        exists: val(f.exists),
        mode: val(f.mode),
        size: val(f.size),
        owner: named(f.owner),
        uid: val(f.uid),
        group: named(f.group),
        gid: val(f.gid),
        'linked-to': val(f.linkedTo),
        filetype: val(f.filetype),
      };
      if (['contents', 'contains', 'md5', 'sha256', 'sha512'].some((k) => wanted.has(k))) {
        const bytes = f.exists && f.filetype !== 'directory' ? await o.fs.contents(path) : null;
        obs.contents =
          bytes === null ? { error: `${path}: not a readable file` } : val(bytes.toString('utf8'));
        obs.contains = obs.contents;
        for (const h of ['md5', 'sha256', 'sha512'])
          obs[h] =
            bytes === null ? (obs.contents as Observed) : val(createHash(h).update(bytes).digest('hex'));
      }
      return obs;
    }
    case 'user': {
      const u = await o.fs.user(target);
      return {
        exists: val(u.exists),
        uid: val(u.uid),
        gid: val(u.gid),
        groups: val(u.groups),
        home: val(u.home),
        shell: val(u.shell),
      };
    }
    case 'group': {
      const g = await o.fs.group(target);
      return { exists: val(g.exists), gid: val(g.gid) };
    }
    case 'package': {
      const p = await o.fs.package(target);
      if (p.error) return { installed: { error: p.error }, versions: { error: p.error } };
      return { installed: val(p.installed), versions: val(p.versions) };
    }
    case 'matching':
      return { matches: val(r.options.content) };
    default:
      return observeLive(r, target, o);
  }
}

async function observeLive(r: DeclaredResource, target: string, o: Observers): Promise<Observation> {
  let live: RunningTarget;
  try {
    live = await o.live();
  } catch (e) {
    const error = errorMessage(e);
    return Object.fromEntries(r.properties.map((p) => [p.name, { error }]));
  }
  switch (r.type) {
    case 'command': {
      const timeout = Number(r.options.timeout ?? 10_000);
      try {
        const x =
          (await o.batched)?.get(r) ??
          (await live.exec(
            target === r.id && typeof r.options.exec !== 'object'
              ? target
              : (r.options.exec as string | string[]),
            timeout,
          ));
        const failed = x.timedOut ? `Command execution timed out (${goDuration(timeout)})` : startFailure(x);
        if (failed)
          return { 'exit-status': { error: failed }, stdout: { error: failed }, stderr: { error: failed } };
        return { 'exit-status': val(x.exitCode), stdout: val(x.stdout), stderr: val(x.stderr) };
      } catch (e) {
        const error = errorMessage(e);
        return { 'exit-status': { error }, stdout: { error }, stderr: { error } };
      }
    }
    case 'process': {
      const names = await live.processes();
      const comm = target.slice(0, 15);
      return { running: val(names.includes(comm)) };
    }
    case 'port': {
      const sockets = socketsOf(target, await live.listening());
      if (!sockets) return { listening: { error: `port '${target}': expected [tcp|tcp6|udp|udp6:]PORT` } };
      return { listening: val(sockets.length > 0), ip: val(sockets.map((s) => s.ip)) };
    }
    case 'http': {
      try {
        const res = await httpCheck(
          live,
          target,
          r.options,
          r.properties.some((p) => p.name === 'body'),
        );
        return { status: val(res.status), body: val(res.body), headers: val(res.headers) };
      } catch (e) {
        const error = errorMessage(e);
        return { status: { error }, body: { error }, headers: { error } };
      }
    }
    case 'kernel-param': {
      const path = `/proc/sys/${target.replaceAll('.', '/')}`;
      const v = (await live.readFromNamespaces([path])).get(path);
      return {
        value:
          v === null || v === undefined ? { error: `kernel parameter ${target} not found` } : val(v.trim()),
      };
    }
    case 'mount': {
      const info = (await live.readFromNamespaces(['/proc/1/mountinfo'])).get('/proc/1/mountinfo') ?? '';
      const m = parseMountinfo(info).find((x) => x.mountpoint === target);
      if (!m) {
        const error = `${target}: mountpoint not found`;
        return {
          exists: val(false),
          opts: { error },
          'vfs-opts': { error },
          source: { error },
          filesystem: { error },
          usage: { error },
        };
      }
      // statfs through the target's root (the helper sees it as /proc/1/root): goss's rounded percent of
      // blocks not free.
      const st = await live.inNetwork(['stat', '-f', '-c', '%b %f', `/proc/1/root${target}`], 5000);
      const [blocks, free] = st.stdout.trim().split(' ').map(Number) as [number, number];
      return {
        exists: val(true),
        opts: val(m.opts),
        'vfs-opts': val(m.vfsOpts),
        source: val(m.source),
        filesystem: val(m.fstype),
        usage:
          st.exitCode !== 0 || Number.isNaN(blocks)
            ? { error: `statfs ${target}: ${st.stderr.trim() || 'failed'}` }
            : val(usagePercent(blocks, free)),
      };
    }
    case 'interface': {
      const link = await live.inNetwork(['ip', '-o', 'link', 'show', 'dev', target], 5000);
      if (link.exitCode !== 0) return { exists: val(false), addrs: val([]), mtu: val(null) };
      const addr = await live.inNetwork(['ip', '-o', 'addr', 'show', 'dev', target], 5000);
      const addrs = [...addr.stdout.matchAll(/\binet6? (\S+)/g)].map((x) => x[1] as string);
      return {
        exists: val(true),
        addrs: val(addrs),
        mtu: val(Number(/\bmtu (\d+)/.exec(link.stdout)?.[1] ?? Number.NaN)),
      };
    }
    case 'addr': {
      // goss: an address without a scheme is tcp.
      const m = /^(?:(tcp|udp):\/\/)?(.+):(\d+)$/.exec(target);
      if (!m)
        return { reachable: { error: `address '${target}': expected tcp://HOST:PORT or udp://HOST:PORT` } };
      const host = (m[2] as string).replace(/^\[|\]$/g, '');
      const timeout = Number(r.options.timeout ?? 500);
      if ((m[1] ?? 'tcp') === 'udp') {
        // A UDP "connection" sends nothing: it succeeds when the name resolves and a route to it exists.
        const ips = await live.resolve(host, timeout);
        if (!ips.length) return { reachable: val(false) };
        const route = await live.inNetwork(['ip', 'route', 'get', ips[0] as string], timeout + 3000);
        return { reachable: val(route.exitCode === 0) };
      }
      const secs = String(Math.max(1, Math.ceil(timeout / 1000)));
      // busybox nc has no -z: connect with nothing to send; exit 0 means the connection was accepted.
      const x = await live.inNetwork(
        ['sh', '-c', 'nc -w "$1" "$2" "$3" </dev/null', 'addr', secs, host, m[3] as string],
        timeout + 3000,
      );
      return { reachable: val(x.exitCode === 0) };
    }
    case 'dns': {
      const server = r.options.server === undefined ? null : String(r.options.server);
      const d = await gossLookup(
        { target, server: server || null, timeoutMs: Number(r.options.timeout ?? 500) },
        live.dns(),
      );
      const resolvable: Observed = d.error !== undefined ? { error: d.error } : val(d.resolvable);
      // goss skips addrs when resolvable fails; an error there is resolvable's.
      return { resolvable, resolveable: resolvable, addrs: val(d.addrs) };
    }
    case 'service': {
      const sys = serviceSystem(o.fs, live);
      const backend = await serviceBackend(o.fs, sys);
      const svc = await observeService(target, backend, sys);
      return { enabled: val(svc.enabled), running: val(svc.running), runlevels: val(svc.runlevels ?? []) };
    }
    default: {
      const error = `resource type '${r.type}' is not supported by slipway test yet`;
      return Object.fromEntries(r.properties.map((p) => [p.name, { error }]));
    }
  }
}

/** The target as goss's service backends see it: its filesystem, its environment, commands run in it. */
function serviceSystem(fs: FsObserver, live: RunningTarget): ServiceSystem {
  return {
    stat: (p) => fs.stat(p),
    readText: (p) => fs.readText(p),
    list: (d) => fs.list(d),
    run: (argv) => live.exec(argv, 10_000).catch(() => null),
    env: () => live.env(),
  };
}

/** goss chooses one service backend per system: once per target. */
const backends = new WeakMap<FsObserver, Promise<ServiceBackend>>();
function serviceBackend(fs: FsObserver, sys: ServiceSystem): Promise<ServiceBackend> {
  let b = backends.get(fs);
  if (!b) {
    b = serviceFacts(sys).then(detectService);
    backends.set(fs, b);
  }
  return b;
}

/**
 * goss's http request with a resource's options, made from inside the target's network namespace; files
 * named by `ca-file`, `cert-file` and `key-file` are the container's, as they would be for goss in it.
 */
export async function httpCheck(
  t: RunningTarget,
  url: string,
  options: Readonly<Record<string, unknown>>,
  readBody = true,
): Promise<HttpResponse> {
  const timeoutMs = Number(options.timeout ?? 5000);
  const str = (k: string) => (options[k] === undefined ? undefined : String(options[k]));
  const fs = t.filesystem();
  const read = async (key: string) => {
    const path = str(key);
    if (path === undefined) return undefined;
    const text = await fs.readText(path);
    if (text === null) throw new Error(`${key} ${path}: no such file in the container`);
    return text;
  };
  const caFile = await read('ca-file');
  return httpRequest(
    url,
    {
      method: str('method') ?? 'GET',
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
      readBody,
    },
    (host, port) => t.connect(host, port, timeoutMs),
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

/**
 * The runtime could not start the program (docker exec reports it as exit 126/127 with the OCI error on
 * stdout): goss's exec fails the same way before any exit status exists, so it is an error, not a status.
 */
function startFailure(x: ExecResult): string | null {
  if (x.exitCode !== 126 && x.exitCode !== 127) return null;
  const out = `${x.stdout}${x.stderr}`;
  if (!/OCI runtime exec failed/.test(out)) return null;
  // As Go's os/exec words it: a name not on PATH, or a path that is not there.
  const notFound = /exec: "([^"]*)": executable file not found in \$PATH/.exec(out);
  if (notFound) return `exec: "${notFound[1]}": executable file not found in $PATH`;
  const missing = /exec: "([^"]*)": stat [^:]*: ([^:\r\n]+)/.exec(out);
  if (missing) return `fork/exec ${missing[1]}: ${missing[2]}`;
  return /(exec: .*?)(?:: unknown)?\r?\n?$/.exec(out.trim())?.[1] ?? 'the command could not be started';
}
