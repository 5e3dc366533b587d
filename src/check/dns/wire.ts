/**
 * DNS messages as goss's two resolvers send and read them (pure): the query of goss's `server:` client
 * (miekg/dns: recursion desired, no EDNS, a 512-byte answer buffer) and of Go's own resolver (EDNS0 with a
 * 1232-byte payload), and the answers written as goss writes them (system/dns.go): names fully qualified,
 * `MX` as "pref host.", `SRV` as "prio weight port target.", `CAA` as "flag tag value", `TXT` one string
 * per character-string, addresses as Go's net.IP prints them. Encoding and decoding is dns-packet's.
 */
import { Buffer } from 'node:buffer';
import { isIPv4, isIPv6 } from 'node:net';
import packet, { type Answer, type DecodedPacket, type Packet } from 'dns-packet';
import { goIPString } from '../go-ip.js';

/** A decoded DNS message with its response code ('NOERROR', 'NXDOMAIN', 'SERVFAIL'...). */
export type Message = DecodedPacket & { rcode: string };

/** The record types goss's `server:` lookups ask for by name (`TYPE:host`); any other word asks A and AAAA. */
export const QTYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'PTR', 'SRV', 'TXT', 'SSHFP'] as const;
export type Qtype = (typeof QTYPES)[number];

export const isQtype = (t: string): t is Qtype => (QTYPES as readonly string[]).includes(t);

/** Go's maxDNSPacketSize: what its resolver advertises with EDNS0 and reads over UDP. */
export const GO_UDP_SIZE = 1232;
/** miekg/dns's MinMsgSize: the buffer goss's `server:` client reads a UDP answer into. */
export const MIEKG_UDP_SIZE = 512;

export function encodeQuery(name: string, type: Qtype, id: number, opts: { edns?: number } = {}): Buffer {
  return packet.encode({
    type: 'query',
    id,
    flags: packet.RECURSION_DESIRED,
    questions: [{ type, class: 'IN', name: name.replace(/\.$/, '') || '.' }],
    ...(opts.edns ? { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: opts.edns }] } : {}),
  } as Packet);
}

/** The message in `buf`, or why it cannot be read (miekg words it `dns: ...`). */
export function decodeMessage(buf: Buffer): Message | { error: string } {
  if (buf.length < 12) return { error: 'dns: short read' };
  try {
    return packet.decode(buf) as Message;
  } catch (e) {
    return { error: `dns: ${(e as Error).message.replace(/^Cannot decode /, 'cannot unpack ')}` };
  }
}

/**
 * goss's answers for one lookup type (system/dns.go): only the records of the asked type count, each
 * formatted as miekg presents it.
 */
export function gossAnswers(type: Qtype, answers: readonly Answer[]): string[] {
  const out: string[] = [];
  for (const a of answers) {
    if (a.type !== type) continue;
    const d = (a as { data: unknown }).data;
    switch (type) {
      case 'A':
      case 'AAAA':
        out.push(goIP(String(d)));
        break;
      case 'CNAME':
      case 'NS':
      case 'PTR':
        out.push(presentName(String(d)));
        break;
      case 'MX': {
        const mx = d as { preference: number; exchange: string };
        out.push(`${mx.preference} ${presentName(mx.exchange)}`);
        break;
      }
      case 'SRV': {
        const s = d as { priority: number; weight: number; port: number; target: string };
        out.push(`${s.priority} ${s.weight} ${s.port} ${presentName(s.target)}`);
        break;
      }
      case 'TXT':
        for (const chunk of (Array.isArray(d) ? d : [d]) as (Buffer | string)[])
          out.push(txtString(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
        break;
      case 'CAA': {
        const c = d as { flags: number; tag: string; value: string };
        out.push(`${c.flags} ${c.tag} ${c.value}`);
        break;
      }
      case 'SSHFP': {
        const f = d as { algorithm: number; hash: number; fingerprint: string };
        out.push(`${f.algorithm} ${f.hash} ${f.fingerprint.toUpperCase()}`);
        break;
      }
    }
  }
  return out;
}

/** The addresses (A and AAAA records) of an answer section, as Go's resolver collects them. */
export function addressesOf(answers: readonly Answer[]): string[] {
  return answers
    .filter((a) => a.type === 'A' || a.type === 'AAAA')
    .map((a) => goIP(String((a as { data: unknown }).data)));
}

/** A domain name as miekg presents it: fully qualified, special characters escaped. */
export function presentName(name: string): string {
  if (name === '.' || name === '') return '.';
  const labels = name.replace(/\.$/, '').split('.');
  return `${labels.map(escapeLabel).join('.')}.`;
}

const LABEL_SPECIAL = new Set([' ', "'", '@', ';', '(', ')', '"', '\\']);

function escapeLabel(label: string): string {
  let out = '';
  for (const b of Buffer.from(label, 'utf8')) {
    const ch = String.fromCharCode(b);
    if (LABEL_SPECIAL.has(ch)) out += `\\${ch}`;
    else if (b < 0x20 || b > 0x7e) out += escapeByte(b);
    else out += ch;
  }
  return out;
}

/** A TXT character-string as miekg unpacks it: `"` and `\` escaped, unprintable bytes as `\DDD`. */
export function txtString(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) out += escapeByte(b);
    else out += String.fromCharCode(b);
  }
  return out;
}

const escapeByte = (b: number) => `\\${String(b).padStart(3, '0')}`;

/** An address as Go's net.IP.String prints it (go-ip.ts); text that is not an address as it is. */
export function goIP(text: string): string {
  const bytes = ipBytes(text);
  return bytes ? goIPString(bytes) : text;
}

/** The 4 or 16 bytes of an IP literal (an IPv6 zone is dropped), or null. */
export function ipBytes(text: string): Uint8Array | null {
  const t = text.replace(/%.*$/, '');
  if (isIPv4(t)) return Uint8Array.from(t.split('.').map(Number));
  if (!isIPv6(t)) return null;
  let s = t;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const [a, b, c, d] = (v4[1] as string).split('.').map(Number) as [number, number, number, number];
    s = `${s.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? (s.split('::') as [string, string]) : [s, null];
  const h = head ? head.split(':') : [];
  const tl = tail ? tail.split(':') : [];
  const groups = tail === null ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = Number.parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}

/** miekg's ReverseAddr: the in-addr.arpa / ip6.arpa name of an address, or its error. */
export function reverseAddr(addr: string): string | { error: string } {
  const bytes = isIPv4(addr) || isIPv6(addr) ? ipBytes(addr) : null;
  if (!bytes) return { error: `dns: unrecognized address: ${addr}` };
  const mapped =
    bytes.length === 16 &&
    bytes.subarray(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff;
  if (bytes.length === 4 || mapped) {
    const v4 = bytes.length === 4 ? bytes : bytes.subarray(12);
    return `${[...v4].reverse().join('.')}.in-addr.arpa.`;
  }
  const nibbles = [...bytes].flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]);
  return `${nibbles.reverse().join('.')}.ip6.arpa.`;
}
