/**
 * goss's `server:` client (miekg/dns): one UDP query (recursion desired, no EDNS, a 512-byte answer buffer), no
 * retry and no TCP fallback on truncation (miekg's Exchange has none); `TYPE:host` asks that type, an untyped
 * host asks A then AAAA (their errors ignored). A server given by name is resolved as Go's Dial would.
 */
import { isIP } from 'node:net';
import { goLookupHost } from './go-resolver.js';
import { type Lookup, NetError, newId, type Outcome, OuterTimeout } from './net.js';
import {
  decodeMessage,
  encodeQuery,
  gossAnswers,
  isQtype,
  MIEKG_UDP_SIZE,
  type Qtype,
  reverseAddr,
} from './wire.js';

/** The addresses (or answers of the asked type) `server` gives for `host`. */
export async function serverLookup(
  host: string,
  qtype: string | null,
  server: string,
  lookup: Lookup,
): Promise<Outcome> {
  const { t, budget, random } = lookup;
  const addr = await serverAddress(server, lookup);
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
  lookup: Lookup,
): Promise<{ host: string; port: number } | { error: string }> {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(server) ?? /^([^:[\]]+):(\d+)$/.exec(server);
  const host = m ? (m[1] as string) : server.replace(/^\[|\]$/g, '');
  const port = m ? Number(m[2]) : 53;
  if (isIP(host)) return { host, port };
  const r = await goLookupHost(host, lookup);
  if ('addrs' in r && r.addrs[0]) return { host: r.addrs[0], port };
  return { error: `dial udp: lookup ${host}: no such host` };
}
