/**
 * goss's dns resource (system/dns.go), given a way to exchange DNS messages inside the target's network
 * namespace. Two resolvers, as goss has them:
 *   - with `server:` — goss's miekg/dns client: one UDP query (recursion desired, no EDNS, a 512-byte
 *     answer buffer), no retry and no TCP fallback on truncation (miekg's Exchange has none); `TYPE:host`
 *     asks that type, an untyped host asks A then AAAA (their errors ignored);
 *   - without — Go's own resolver (net.LookupHost): /etc/hosts and DNS in nsswitch's order, resolv.conf's
 *     servers, search list, ndots, timeout, attempts and use-vc; A and AAAA in parallel, EDNS0 at 1232
 *     bytes, a truncated UDP answer asked again over TCP; every failure is a DNSError, which goss reports
 *     as not resolvable (no error).
 * Around either, goss's own rules: the whole lookup within `timeout` (else `DNS lookup timed out (2s)`),
 * tried up to three times while it errs or finds nothing, answers sorted.
 */
import { isIP } from 'node:net';
import { goDuration } from '../go-duration.js';
import { hostsAddrs, hostsOrder, nameList, parseResolvConf, type ResolvConf } from './resolv.js';
import {
  addressesOf,
  decodeMessage,
  encodeQuery,
  GO_UDP_SIZE,
  gossAnswers,
  isQtype,
  type Message,
  MIEKG_UDP_SIZE,
  type Qtype,
  reverseAddr,
} from './wire.js';

/** A network failure worded as Go's net package words it (`dial udp 10.0.0.1:53: connect: ...`). */
export class NetError extends Error {
  constructor(
    message: string,
    /** No answer within the time given (the caller words that). */
    readonly timeout = false,
  ) {
    super(message);
  }
}

/** The target's files Go's resolver reads. */
export interface ResolverFiles {
  hosts: string | null;
  resolvConf: string | null;
  nsswitch: string | null;
  hostname: string;
}

/** An answer, and how long the network took to give it (measured where the packets are). */
export interface Exchanged {
  data: Buffer;
  ms: number;
}

/**
 * How messages reach servers from inside the target's network namespace. `timeoutMs` bounds the wait for
 * the answer (not the time to get a process into the namespace), as goss's clock runs where goss runs.
 */
export interface DnsTransport {
  /** Sends one datagram and gives the first datagram back; rejects with a NetError. */
  udp(host: string, port: number, query: Buffer, timeoutMs: number): Promise<Exchanged>;
  /** One length-prefixed message over TCP and the answer; rejects with a NetError. */
  tcp(host: string, port: number, query: Buffer, timeoutMs: number): Promise<Exchanged>;
  files(): Promise<ResolverFiles>;
}

export interface DnsQuery {
  /** The resource's key (or `resolve`): `host`, or `TYPE:host` (an upper-case word before the colon). */
  target: string;
  server: string | null;
  timeoutMs: number;
}

export interface DnsObservation {
  resolvable: boolean;
  addrs: string[];
  /** Why the lookup failed, when goss would report an error (never for a DNSError). */
  error?: string;
}

/** `TYPE:host` split as goss splits it (the type an upper-case word), else the whole key is the host. */
export function splitTarget(target: string): { qtype: string | null; host: string } {
  const at = target.indexOf(':');
  if (at > 0 && /^[A-Z]+$/.test(target.slice(0, at)))
    return { qtype: target.slice(0, at), host: target.slice(at + 1) };
  return { qtype: null, host: target };
}

type Outcome = { addrs: string[] } | { notFound: true } | { error: string };

/** A name's addresses as Go's resolver gives them in the target ([] when it cannot), within `timeoutMs`. */
export async function lookupHost(
  name: string,
  t: DnsTransport,
  timeoutMs: number,
  random = Math.random,
): Promise<string[]> {
  try {
    const r = await goLookupHost(name, t, new Budget(timeoutMs), random);
    return 'addrs' in r ? r.addrs : [];
  } catch (e) {
    if (e instanceof OuterTimeout || e instanceof NetError) return [];
    throw e;
  }
}

/** goss's DefDNS.setup: up to three lookups while one errs or finds nothing; a DNSError ends it at once. */
export async function gossLookup(
  q: DnsQuery,
  t: DnsTransport,
  random = Math.random,
): Promise<DnsObservation> {
  let error: string | undefined;
  for (let i = 0; i < 3; i++) {
    const r = await lookupOnce(q, t, random);
    if ('addrs' in r && r.addrs.length) return { resolvable: true, addrs: [...r.addrs].sort() };
    if ('notFound' in r) return { resolvable: false, addrs: [] };
    error = 'error' in r ? r.error : undefined;
  }
  return { resolvable: false, addrs: [], ...(error !== undefined ? { error } : {}) };
}

/** goss's DNSlookup: one lookup within the timeout. */
async function lookupOnce(q: DnsQuery, t: DnsTransport, random: () => number): Promise<Outcome> {
  const budget = new Budget(q.timeoutMs);
  const { qtype, host } = splitTarget(q.target);
  try {
    if (q.server) return await serverLookup(host, qtype, q.server, t, budget, random);
    const r = await goLookupHost(host, t, budget, random);
    return 'addrs' in r ? r : { notFound: true };
  } catch (e) {
    if (e instanceof OuterTimeout) return { error: `DNS lookup timed out (${goDuration(q.timeoutMs)})` };
    throw e;
  }
}

/**
 * goss's timer around a lookup, counting the time the network took (what each exchange reports): slipway's
 * own cost of reaching the namespace (a `docker exec`) is not the DNS server's slowness. Parallel lanes
 * (Go's A and AAAA) fork it and the slower lane is charged.
 */
class Budget {
  private spent = 0;
  constructor(readonly totalMs: number) {}
  left(): number {
    const ms = this.totalMs - this.spent;
    if (ms <= 0) throw new OuterTimeout();
    return ms;
  }
  charge(ms: number): void {
    this.spent += ms;
  }
  fork(): Budget {
    const b = new Budget(this.totalMs);
    b.spent = this.spent;
    return b;
  }
  join(lanes: readonly Budget[]): void {
    this.spent = Math.max(this.spent, ...lanes.map((l) => l.spent));
  }
}

class OuterTimeout extends Error {}

const newId = (random: () => number) => Math.floor(random() * 65536) & 0xffff;

// ---- goss's `server:` client (miekg/dns) ----

async function serverLookup(
  host: string,
  qtype: string | null,
  server: string,
  t: DnsTransport,
  budget: Budget,
  random: () => number,
): Promise<Outcome> {
  const addr = await serverAddress(server, t, budget, random);
  if ('error' in addr) return addr;
  const ask = async (name: string, type: Qtype): Promise<string[]> => {
    const id = newId(random);
    const left = budget.left();
    let raw: Buffer;
    try {
      const x = await t.udp(addr.host, addr.port, encodeQuery(name, type, id), left);
      budget.charge(x.ms);
      raw = x.data;
    } catch (e) {
      if (e instanceof NetError && e.timeout) throw new OuterTimeout();
      throw e;
    }
    const m = decodeMessage(raw.subarray(0, MIEKG_UDP_SIZE));
    if ('error' in m) throw new NetError(m.error);
    if (m.id !== id) throw new NetError('dns: id mismatch');
    return gossAnswers(type, m.answers ?? []);
  };
  try {
    if (qtype && isQtype(qtype)) {
      if (qtype !== 'PTR') return { addrs: await ask(host, qtype) };
      const arpa = reverseAddr(host);
      return typeof arpa === 'string' ? { addrs: await ask(arpa, 'PTR') } : arpa;
    }
    // LookupHost: A then AAAA, each one's error dropped.
    const a = await ask(host, 'A').catch(dropUnlessTimeout);
    const aaaa = await ask(host, 'AAAA').catch(dropUnlessTimeout);
    return { addrs: [...a, ...aaaa] };
  } catch (e) {
    if (e instanceof NetError) return { error: e.message };
    throw e;
  }
}

const dropUnlessTimeout = (e: unknown): string[] => {
  if (e instanceof OuterTimeout) throw e;
  if (e instanceof NetError) return [];
  throw e;
};

/** net.SplitHostPort, else the whole string with port 53; a name is resolved as Go's Dial would. */
async function serverAddress(
  server: string,
  t: DnsTransport,
  budget: Budget,
  random: () => number,
): Promise<{ host: string; port: number } | { error: string }> {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(server) ?? /^([^:[\]]+):(\d+)$/.exec(server);
  const host = m ? (m[1] as string) : server.replace(/^\[|\]$/g, '');
  const port = m ? Number(m[2]) : 53;
  if (isIP(host)) return { host, port };
  const r = await goLookupHost(host, t, budget, random);
  if ('addrs' in r && r.addrs[0]) return { host: r.addrs[0], port };
  return { error: `dial udp: lookup ${host}: no such host` };
}

// ---- Go's resolver (net.LookupHost, pure Go) ----

async function goLookupHost(
  name: string,
  t: DnsTransport,
  budget: Budget,
  random: () => number,
): Promise<{ addrs: string[] } | { notFound: true }> {
  if (isIP(name)) return { addrs: [name] };
  if (!name) return { notFound: true };
  const files = await t.files();
  const order = hostsOrder(files.nsswitch);
  const fromFile = () => hostsAddrs(files.hosts, name);
  if (order === 'files-dns' || order === 'files') {
    const a = fromFile();
    if (a.length || order === 'files') return a.length ? { addrs: a } : { notFound: true };
  }
  const conf = parseResolvConf(files.resolvConf, files.hostname);
  for (const fqdn of nameList(name, conf)) {
    const types: Qtype[] = ['A', 'AAAA'];
    const results = conf.singleRequest
      ? [
          await tryOneName(fqdn, 'A', conf, t, budget, random),
          await tryOneName(fqdn, 'AAAA', conf, t, budget, random),
        ]
      : await Promise.all(types.map((q) => tryOneName(fqdn, q, conf, t, budget, random)));
    const addrs = results.flatMap((m) => (m ? addressesOf(m.answers ?? []) : []));
    if (addrs.length) return { addrs };
  }
  if (order === 'dns-files') {
    const a = fromFile();
    if (a.length) return { addrs: a };
  }
  return { notFound: true };
}

/** tryOneName: every server for `attempts` rounds; a name error ends it (null: not found or failed). */
async function tryOneName(
  fqdn: string,
  type: Qtype,
  conf: ResolvConf,
  t: DnsTransport,
  budget: Budget,
  random: () => number,
): Promise<Message | null> {
  for (let i = 0; i < conf.attempts; i++) {
    for (const server of conf.servers) {
      const m = await exchange(server, fqdn, type, conf, t, budget, random);
      if (!m) continue;
      if (m.rcode === 'NXDOMAIN') return null;
      const answers = m.answers ?? [];
      const lame =
        m.rcode === 'NOERROR' &&
        !m.flag_aa &&
        !m.flag_ra &&
        !answers.length &&
        !(m.additionals ?? []).some((a) => a.type !== 'OPT');
      if (lame || m.rcode !== 'NOERROR') continue;
      // skipToAnswer: no record of the asked type is "no such host" for this name and type.
      return answers.some((a) => a.type === type) ? m : null;
    }
  }
  return null;
}

/** Go's exchange: UDP (EDNS0, 1232 bytes), again over TCP when truncated; TCP only with use-vc. */
async function exchange(
  server: { host: string; port: number },
  fqdn: string,
  type: Qtype,
  conf: ResolvConf,
  t: DnsTransport,
  budget: Budget,
  random: () => number,
): Promise<Message | null> {
  for (const network of conf.useTCP ? (['tcp'] as const) : (['udp', 'tcp'] as const)) {
    const id = newId(random);
    const query = encodeQuery(fqdn, type, id, { edns: GO_UDP_SIZE });
    const left = budget.left();
    const wait = Math.min(conf.timeoutMs, left);
    let raw: Buffer;
    try {
      const x = await (network === 'udp' ? t.udp : t.tcp).call(t, server.host, server.port, query, wait);
      budget.charge(x.ms);
      raw = network === 'udp' ? x.data.subarray(0, GO_UDP_SIZE) : x.data;
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      if (e.timeout) budget.charge(wait);
      // goss's own timer fires before Go's when it is the shorter one.
      if (e.timeout && wait >= left) throw new OuterTimeout();
      return null;
    }
    const m = decodeMessage(raw);
    if ('error' in m) return null;
    const question = m.questions?.[0];
    const matches =
      m.type === 'response' &&
      m.id === id &&
      question?.type === type &&
      question.name.toLowerCase() === fqdn.replace(/\.$/, '').toLowerCase();
    if (!matches) return null;
    if (m.flag_tc && network === 'udp') continue;
    return m;
  }
  return null;
}
