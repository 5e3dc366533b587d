import { createSocket } from 'node:dgram';
import { createServer, Socket } from 'node:net';
import packet, { type Answer, type DecodedPacket } from 'dns-packet';
import { type DnsTransport, type Exchanged, NetError, type ResolverFiles } from '../../src/check/dns/net.js';

export interface Reply {
  answers?: Answer[];
  rcode?: number;
  /** Over UDP: answer with the TC bit and no records (the whole answer only over TCP). */
  truncateUdp?: boolean;
  /** Never answer. */
  silent?: boolean;
}

export interface DnsServer {
  port: number;
  /** Every question asked: `udp A name`, `tcp AAAA name`. */
  asked: string[];
  close(): Promise<void>;
}

/** A real DNS server on 127.0.0.1 (UDP and TCP on one port) answering from `zone`. */
export async function startDnsServer(zone: (type: string, name: string) => Reply): Promise<DnsServer> {
  const asked: string[] = [];
  const answer = (q: DecodedPacket, proto: 'udp' | 'tcp'): Buffer | null => {
    const question = q.questions?.[0];
    if (!question) return null;
    asked.push(`${proto} ${question.type} ${question.name}`);
    const r = zone(question.type, question.name);
    if (r.silent) return null;
    const truncated = proto === 'udp' && r.truncateUdp;
    return packet.encode({
      type: 'response',
      id: q.id,
      flags:
        packet.RECURSION_DESIRED |
        packet.RECURSION_AVAILABLE |
        packet.AUTHORITATIVE_ANSWER |
        (truncated ? packet.TRUNCATED_RESPONSE : 0) |
        (r.rcode ?? 0),
      questions: q.questions,
      answers: truncated ? [] : (r.answers ?? []),
    });
  };
  const udp = createSocket('udp4');
  udp.on('message', (msg, rinfo) => {
    const out = answer(packet.decode(msg), 'udp');
    if (out) udp.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  const port = udp.address().port;
  const tcp = createServer((s) => {
    let buf = Buffer.alloc(0);
    s.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      const out = answer(packet.decode(buf.subarray(2, 2 + buf.readUInt16BE(0))), 'tcp');
      if (!out) return;
      const len = Buffer.alloc(2);
      len.writeUInt16BE(out.length);
      s.end(Buffer.concat([len, out]));
    });
  });
  await new Promise<void>((r) => tcp.listen(port, '127.0.0.1', r));
  return {
    port,
    asked,
    close: () =>
      new Promise((r) => {
        udp.close();
        tcp.close(() => r());
      }),
  };
}

/** A transport of real sockets on this machine (loopback only), for the resolver logic. */
export function localTransport(files: Partial<ResolverFiles> = {}): DnsTransport {
  return {
    udp: (host, port, query, timeoutMs) =>
      new Promise<Buffer>((resolve, reject) => {
        const s = createSocket(host.includes(':') ? 'udp6' : 'udp4');
        const timer = setTimeout(() => {
          s.close();
          reject(new NetError('read udp: i/o timeout', true));
        }, timeoutMs);
        s.on('message', (m) => {
          clearTimeout(timer);
          s.close();
          resolve(m);
        });
        s.on('error', (e) => {
          clearTimeout(timer);
          s.close();
          reject(new NetError(`read udp ${host}:${port}: read: ${e.message}`));
        });
        s.connect(port, host, () => s.send(query));
      }).then(timed(Date.now())),
    tcp: (host, port, query, timeoutMs) =>
      new Promise<Buffer>((resolve, reject) => {
        const s = new Socket();
        let buf = Buffer.alloc(0);
        const timer = setTimeout(() => {
          s.destroy();
          reject(new NetError('read tcp: i/o timeout', true));
        }, timeoutMs);
        s.on('data', (c: Buffer) => {
          buf = Buffer.concat([buf, c]);
          if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
            clearTimeout(timer);
            s.destroy();
            resolve(buf.subarray(2, 2 + buf.readUInt16BE(0)));
          }
        });
        s.on('error', (e) => {
          clearTimeout(timer);
          reject(new NetError(`dial tcp ${host}:${port}: ${e.message}`));
        });
        s.connect(port, host, () => {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(query.length);
          s.write(Buffer.concat([len, query]));
        });
      }).then(timed(Date.now())),
    files: async () => ({ hosts: null, resolvConf: null, nsswitch: null, hostname: 'box', ...files }),
  };
}

const timed =
  (t0: number) =>
  (data: Buffer): Exchanged => ({ data, ms: Date.now() - t0 });
