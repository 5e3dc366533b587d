/**
 * Pure parsers of what the helper reads in a target's namespaces (/proc/net, /proc/<pid>/mountinfo) into
 * what goss observes.
 */
import { goIPString } from './go-ip.js';

export interface Socket {
  proto: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  ip: string;
  port: number;
}

/**
 * The sockets a goss port key (`[tcp|tcp6|udp|udp6:]PORT`) names, or null for a malformed key. As goss reads
 * /proc/net, `tcp:N` is /proc/net/tcp only: a dual-stack socket bound to `::` (listed in tcp6) is `tcp6:N`.
 */
export function socketsOf(key: string, sockets: readonly Socket[]): Socket[] | null {
  const m = /^(?:(tcp6?|udp6?):)?(\d+)$/.exec(key);
  if (!m) return null;
  return sockets.filter((s) => s.proto === (m[1] ?? 'tcp') && s.port === Number(m[2]));
}

/** /proc/net/{tcp,udp}{,6}: listening TCP sockets (state 0A) and bound UDP sockets. */
export function parseProcNet(text: string): Socket[] {
  const out: Socket[] = [];
  let proto: Socket['proto'] = 'tcp';
  let section = 0;
  for (const line of text.split('\n')) {
    if (/^\s*sl\s+local_address/.test(line)) {
      proto = (['tcp', 'tcp6', 'udp', 'udp6'] as const)[section++] ?? 'tcp';
      continue;
    }
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !f[1]?.includes(':')) continue;
    const [hexIp, hexPort] = f[1].split(':') as [string, string];
    const state = f[3];
    if (proto.startsWith('tcp') && state !== '0A') continue;
    out.push({ proto, ip: hexToIp(hexIp), port: Number.parseInt(hexPort, 16) });
  }
  return out;
}

/**
 * A /proc/net address (hex, each 32-bit word in the kernel's little-endian order) as goss reports it:
 * GOnetstat's `strings.ToUpper(net.IP(bytes).String())` — `FE80::1`, IPv4-mapped as dotted decimal.
 */
function hexToIp(hex: string): string {
  const bytes = Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
  for (let w = 0; w + 4 <= bytes.length; w += 4) bytes.subarray(w, w + 4).reverse();
  return goIPString(bytes).toUpperCase();
}

export interface MountInfo {
  mountpoint: string;
  opts: string[];
  vfsOpts: string[];
  fstype: string;
  source: string;
}

/** /proc/<pid>/mountinfo: `id parent maj:min root mountpoint opts [tags...] - fstype source superopts`. */
export function parseMountinfo(text: string): MountInfo[] {
  const octal = (s: string) =>
    s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
  const out: MountInfo[] = [];
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const f = left.split(' ');
    const [fstype, source, superOpts] = right.split(' ');
    if (f.length < 6 || !fstype) continue;
    out.push({
      mountpoint: octal(f[4] as string),
      opts: splitOpts(f[5] as string),
      vfsOpts: splitOpts(superOpts ?? ''),
      fstype,
      source: octal(source ?? ''),
    });
  }
  return out;
}

/** Mount options split on commas outside quotes (SELinux `context="a,b"` stays whole), each once, in order. */
function splitOpts(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return [...new Set(out.filter(Boolean))];
}

/** goss: round((1 - free/blocks) * 100); Go turns the NaN of a zero-block filesystem (proc, sysfs) into MinInt64. */
export function usagePercent(blocks: number, free: number): number {
  if (blocks === 0) return -(2 ** 63);
  return Math.round((1 - free / blocks) * 100);
}
