import { createHash } from 'node:crypto';
import { errorMessage } from '../core/errors.js';
import type { FsObserver } from '../probe/observe-fs.js';
import type { DeclaredResource, Observed } from '../spec/index.js';
import { targetOf } from '../spec/index.js';
import type { ExecResult } from './exec.js';
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
      const f = await o.fs.file(target);
      const obs: Observation = {
        exists: val(f.exists),
        mode: val(f.mode),
        size: val(f.size),
        owner: val(f.owner),
        group: val(f.group),
        'linked-to': val(f.linkedTo),
        filetype: val(f.filetype),
      };
      if (['contents', 'contains', 'md5', 'sha256', 'sha512'].some((k) => wanted.has(k))) {
        const text = f.exists && f.filetype !== 'directory' ? await o.fs.contents(target) : null;
        obs.contents = text === null ? { error: `${target}: not a readable file` } : val(text);
        obs.contains = obs.contents;
        for (const h of ['md5', 'sha256', 'sha512'])
          obs[h] = text === null ? (obs.contents as Observed) : val(createHash(h).update(text).digest('hex'));
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
        if (x.timedOut) {
          const error = `Command execution timed out (${timeout / 1000}s)`;
          return { 'exit-status': { error }, stdout: { error }, stderr: { error } };
        }
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
      const m = /^(?:(tcp6?|udp6?):)?(\d+)$/.exec(target);
      if (!m) return { listening: { error: `port '${target}': expected [tcp|tcp6|udp|udp6:]PORT` } };
      const proto = m[1] ?? 'tcp';
      // A dual-stack socket bound to `::` (tcp6 in /proc) accepts IPv4 too: it counts as listening on tcp.
      const sockets = (await live.listening()).filter(
        (s) => s.port === Number(m[2]) && (s.proto === proto || (s.proto === `${proto}6` && s.ip === '::')),
      );
      return { listening: val(sockets.length > 0), ip: val(sockets.map((s) => s.ip)) };
    }
    case 'http': {
      try {
        const res = await live.http(target, {
          timeoutMs: Number(r.options.timeout ?? 5000),
          method: String(r.options.method ?? 'GET'),
          headers: ((r.options['request-headers'] as string[] | undefined) ?? []).map(String),
          ...(r.options['request-body'] !== undefined ? { body: String(r.options['request-body']) } : {}),
        });
        return {
          status: val(res.status),
          body: val(res.body),
          headers: val(Object.entries(res.headers).flatMap(([k, vs]) => vs.map((v) => `${k}: ${v}`))),
        };
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
          v === null || v === undefined
            ? { error: `kernel parameter ${target} not found` }
            : val(v.trim().replace(/\s+/g, ' ')),
      };
    }
    case 'mount': {
      const mounts = (await live.readFromNamespaces(['/proc/1/mounts'])).get('/proc/1/mounts') ?? '';
      const m = mounts
        .split('\n')
        .map((l) => l.split(' '))
        .filter((f) => f[1] === target)
        .pop();
      if (!m)
        return {
          exists: val(false),
          opts: val([]),
          'vfs-opts': val([]),
          source: val(null),
          filesystem: val(null),
          usage: val(null),
        };
      const opts = (m[3] ?? '').split(',');
      return {
        exists: val(true),
        opts: val(opts),
        'vfs-opts': val(opts),
        source: val(m[0]),
        filesystem: val(m[2]),
        usage: { error: 'mount usage is not observed by slipway yet' },
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
      const m = /^(tcp|udp):\/\/(.+):(\d+)$/.exec(target);
      if (!m) return { reachable: { error: `address '${target}': expected tcp://HOST:PORT` } };
      if (m[1] === 'udp')
        return { reachable: { error: 'udp addresses are not observed by slipway yet (tcp only)' } };
      const timeout = Number(r.options.timeout ?? 500);
      const secs = String(Math.max(1, Math.ceil(timeout / 1000)));
      // busybox nc has no -z: connect with nothing to send; exit 0 means the connection was accepted.
      const x = await live.inNetwork(
        ['sh', '-c', 'nc -w "$1" "$2" "$3" </dev/null', 'addr', secs, m[2] as string, m[3] as string],
        timeout + 3000,
      );
      return { reachable: val(x.exitCode === 0) };
    }
    case 'dns': {
      const server = r.options.server ? [String(r.options.server).replace(/:53$/, '')] : [];
      const x = await live.inNetwork(
        ['nslookup', target.replace(/^[A-Z]+:/, ''), ...server],
        Number(r.options.timeout ?? 500) + 5000,
      );
      const answers = x.stdout
        .split(/\n\s*\n/)
        .slice(1)
        .join('\n');
      const addrs = [...answers.matchAll(/Address(?: \d+)?:\s*(\S+)/g)].map((a) => a[1] as string);
      const ok = x.exitCode === 0 && addrs.length > 0;
      return { resolvable: val(ok), resolveable: val(ok), addrs: val(addrs) };
    }
    case 'service': {
      const error = 'services need an init system (systemd, sysvinit, openrc); a container has none to ask';
      return { enabled: { error }, running: { error }, runlevels: { error } };
    }
    default: {
      const error = `resource type '${r.type}' is not supported by slipway test yet`;
      return Object.fromEntries(r.properties.map((p) => [p.name, { error }]));
    }
  }
}
