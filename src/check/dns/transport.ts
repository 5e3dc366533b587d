/**
 * DNS messages carried inside the target's network namespace by the namespace helper:
 *   - UDP: the helper's static bash opens a connected socket (`/dev/udp/HOST/PORT`), busybox `dd` writes the
 *     query as one datagram and reads one datagram back, a watchdog bounding the wait (so the time goss
 *     allows is measured where the packets are, not across `docker exec`);
 *   - TCP: a byte stream from busybox `nc` (tunnel.ts), the message length-prefixed both ways.
 * Failures are worded as Go's net package words them, which is what goss reports.
 */
import type { Duplex } from 'node:stream';
import type { ExecResult } from '../exec.js';
import { type DnsTransport, NetError, type ResolverFiles } from './net.js';

export interface HelperAccess {
  /** Runs argv in the helper (argv[0] an absolute path). */
  run(argv: string[], timeoutMs: number): Promise<ExecResult>;
  /** A byte stream to host:port from inside the namespace. */
  connect(host: string, port: number, timeoutMs: number): Promise<Duplex>;
  /** Files of the target (its root as the helper sees it), null when absent. */
  read(paths: string[]): Promise<Map<string, string | null>>;
}

/** Arguments: host port query(\xHH...) length seconds. Exit 3: no socket; 4: not sent; 143: no answer in time. */
const UDP_SCRIPT = [
  'exec 3<>"/dev/udp/$1/$2" || exit 3',
  't0=${EPOCHREALTIME/./}',
  'printf "$3" | /bin/busybox dd bs="$4" count=1 iflag=fullblock status=none >&3 || exit 4',
  '/bin/busybox dd bs=65536 count=1 status=none <&3 & r=$!',
  '( /bin/busybox sleep "$5"; kill "$r" ) >/dev/null 2>&1 </dev/null & w=$!',
  'wait "$r"; s=$?; kill "$w" 2>/dev/null',
  // How long the answer took, measured here (microseconds; the caller's clock also counts docker exec).
  'echo "@us $(( ${EPOCHREALTIME/./} - t0 ))" >&2; exit "$s"',
].join('\n');

export const joinHostPort = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/** errno text as Go prints it ("Connection refused" → "connection refused"). */
const goErrno = (text: string) => text.trim().replace(/^./, (c) => c.toLowerCase());

export function helperTransport(h: HelperAccess, filesTtlMs = 1000): DnsTransport {
  let files: { at: number; read: Promise<ResolverFiles> } | null = null;
  let noBash = false;
  const transport: DnsTransport = {
    async udp(host, port, query, timeoutMs) {
      const hp = joinHostPort(host, port);
      if (noBash) return transport.tcp(host, port, query, timeoutMs);
      const hex = [...query].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
      const secs = (Math.max(timeoutMs, 1) / 1000).toFixed(3);
      const r = await h.run(
        ['/bin/bash', '-c', UDP_SCRIPT, 'dns', host, String(port), hex, String(query.length), secs],
        timeoutMs + 10_000,
      );
      if (r.timedOut || r.exitCode === 143) throw new NetError(`read udp ${hp}: i/o timeout`, true);
      const us = Number(/^@us (\d+)$/m.exec(r.stderr)?.[1] ?? Number.NaN);
      if (r.exitCode === 0 && r.raw?.length)
        return { data: r.raw, ms: Number.isNaN(us) ? timeoutMs / 2 : Math.ceil(us / 1000) };
      const why =
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith('@us '))
          .pop() ?? '';
      if (
        r.exitCode === 126 ||
        r.exitCode === 127 ||
        /OCI runtime exec failed|no such file/i.test(`${r.stdout}${why}`)
      ) {
        // A helper image without bash (an older or pulled one): the same question over TCP.
        noBash = true;
        return transport.tcp(host, port, query, timeoutMs);
      }
      const errno = goErrno(why.replace(/^.*: /, '') || 'failed');
      if (r.exitCode === 3) throw new NetError(`dial udp ${hp}: connect: ${errno}`);
      if (r.exitCode === 4) throw new NetError(`write udp ${hp}: write: ${errno}`);
      throw new NetError(`read udp ${hp}: read: ${errno}`);
    },
    async tcp(host, port, query, timeoutMs) {
      const hp = joinHostPort(host, port);
      let stream: Duplex;
      try {
        stream = await h.connect(host, port, timeoutMs);
      } catch (e) {
        throw new NetError(
          `dial tcp ${hp}: connect: ${goErrno(String((e as Error).message).replace(/^.*: /, ''))}`,
        );
      }
      const t0 = Date.now();
      const data = await tcpExchange(stream, query, timeoutMs, hp);
      return { data, ms: Date.now() - t0 };
    },
    files() {
      if (!files || Date.now() - files.at > filesTtlMs) {
        const paths = ['hosts', 'resolv.conf', 'nsswitch.conf', 'hostname'].map(
          (f) => `/proc/1/root/etc/${f}`,
        );
        const read = h.read(paths).then((m) => ({
          hosts: m.get(paths[0] as string) ?? null,
          resolvConf: m.get(paths[1] as string) ?? null,
          nsswitch: m.get(paths[2] as string) ?? null,
          hostname: (m.get(paths[3] as string) ?? '').trim(),
        }));
        files = { at: Date.now(), read };
      }
      return files.read;
    },
  };
  return transport;
}

/** One DNS message over a stream (RFC 1035 4.2.2: a two-byte length before each message). */
export function tcpExchange(stream: Duplex, query: Buffer, timeoutMs: number, hp: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    let done = false;
    const finish = (e: Error | null, v?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.destroy();
      if (e) reject(e);
      else resolve(v as Buffer);
    };
    const timer = setTimeout(() => finish(new NetError(`read tcp ${hp}: i/o timeout`, true)), timeoutMs);
    stream.on('data', (c: Buffer) => {
      got = Buffer.concat([got, c]);
      if (got.length >= 2) {
        const len = got.readUInt16BE(0);
        if (got.length >= 2 + len) finish(null, got.subarray(2, 2 + len));
      }
    });
    stream.on('error', (e) =>
      finish(new NetError(`read tcp ${hp}: read: ${goErrno(e.message.replace(/^.*: /, ''))}`)),
    );
    stream.on('end', () => finish(new NetError(`read tcp ${hp}: EOF`)));
    const len = Buffer.alloc(2);
    len.writeUInt16BE(query.length);
    stream.write(Buffer.concat([len, query]));
  });
}
