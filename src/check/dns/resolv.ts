/**
 * The configuration Go's resolver reads on Linux (pure): /etc/resolv.conf (dnsReadConfig), the `hosts:` line
 * of /etc/nsswitch.conf (which of files and dns comes first) and /etc/hosts — read from the target, as goss
 * running in it would read them.
 */
import { goIP, ipBytes } from './wire.js';

export interface ResolvConf {
  /** host:port, at most three (Go's default when none: 127.0.0.1:53 and [::1]:53). */
  servers: { host: string; port: number }[];
  search: string[];
  ndots: number;
  timeoutMs: number;
  attempts: number;
  /** `use-vc` / `usevc` / `tcp`: every query over TCP. */
  useTCP: boolean;
  singleRequest: boolean;
}

/** dnsReadConfig: the file's settings over Go's defaults; `hostname` gives the default search domain. */
export function parseResolvConf(text: string | null, hostname = ''): ResolvConf {
  const conf: ResolvConf = {
    servers: [],
    search: [],
    ndots: 1,
    timeoutMs: 5000,
    attempts: 2,
    useTCP: false,
    singleRequest: false,
  };
  let searchSet = false;
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const [key, ...f] = line.split(/\s+/);
    switch (key) {
      case 'nameserver':
        if (f[0] && conf.servers.length < 3 && ipBytes(f[0])) conf.servers.push({ host: f[0], port: 53 });
        break;
      case 'domain':
        if (f[0]) {
          conf.search = [ensureRooted(f[0])];
          searchSet = true;
        }
        break;
      case 'search':
        conf.search = f.filter((s) => s !== '.').map(ensureRooted);
        searchSet = true;
        break;
      case 'options':
        for (const o of f) {
          const [name, value] = o.split(':') as [string, string | undefined];
          const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
          if (name === 'ndots' && !Number.isNaN(n)) conf.ndots = Math.min(Math.max(n, 0), 15);
          else if (name === 'timeout' && !Number.isNaN(n)) conf.timeoutMs = Math.max(n, 1) * 1000;
          else if (name === 'attempts' && !Number.isNaN(n)) conf.attempts = Math.max(n, 1);
          else if (name === 'use-vc' || name === 'usevc' || name === 'tcp') conf.useTCP = true;
          else if (name === 'single-request' || name === 'single-request-reopen') conf.singleRequest = true;
        }
        break;
    }
  }
  if (!conf.servers.length)
    conf.servers = [
      { host: '127.0.0.1', port: 53 },
      { host: '::1', port: 53 },
    ];
  if (!searchSet) {
    const dot = hostname.indexOf('.');
    if (dot >= 0 && dot < hostname.length - 1) conf.search = [ensureRooted(hostname.slice(dot + 1))];
  }
  return conf;
}

const ensureRooted = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** The fully qualified names Go tries for `name`, in order (conf.nameList). */
export function nameList(name: string, conf: ResolvConf): string[] {
  const rooted = name.endsWith('.');
  if (name.length > 254 || (name.length === 254 && !rooted)) return [];
  if (rooted) return avoidDNS(name) ? [] : [name];
  const hasNdots = (name.match(/\./g)?.length ?? 0) >= conf.ndots;
  const fq = `${name}.`;
  const out: string[] = [];
  if (hasNdots && !avoidDNS(fq)) out.push(fq);
  for (const suffix of conf.search) {
    const n = fq + suffix;
    if (!avoidDNS(n) && n.length <= 254) out.push(n);
  }
  if (!hasNdots && !avoidDNS(fq)) out.push(fq);
  return out;
}

/** RFC 7686: .onion names are never sent to DNS. */
const avoidDNS = (name: string) => /\.onion\.?$/i.test(name) || name === '';

/** Which of /etc/hosts and DNS Go asks first: files then DNS unless nsswitch's `hosts:` puts dns first. */
export function hostsOrder(nsswitch: string | null): 'files-dns' | 'dns-files' | 'files' | 'dns' {
  const line = (nsswitch ?? '')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .find((l) => /^hosts\s*:/.test(l));
  if (!line) return 'files-dns';
  const sources = line
    .replace(/^hosts\s*:/, '')
    .replace(/\[[^\]]*\]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((s) => s === 'files' || s === 'dns');
  if (!sources.length) return 'files-dns';
  if (sources.length === 1) return sources[0] as 'files' | 'dns';
  return sources[0] === 'dns' ? 'dns-files' : 'files-dns';
}

/** /etc/hosts as Go reads it: the addresses of `name` (case-insensitive, a trailing dot ignored) in file order. */
export function hostsAddrs(text: string | null, name: string): string[] {
  const want = name.toLowerCase().replace(/\.$/, '');
  const out: string[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const f = (raw.split('#')[0] ?? '').trim().split(/\s+/);
    if (f.length < 2 || !f[0] || !ipBytes(f[0])) continue;
    if (f.slice(1).some((h) => h.toLowerCase().replace(/\.$/, '') === want)) out.push(goIP(f[0]));
  }
  return out;
}
