/**
 * goss's dns resource (system/dns.go), given a way to exchange DNS messages inside the target's network
 * namespace (net.ts). Two resolvers, as goss has them:
 *   - with `server:` — goss's miekg/dns client (miekg.ts);
 *   - without — Go's own resolver (net.LookupHost, go-resolver.ts); every failure is a DNSError, which goss
 *     reports as not resolvable (no error).
 * Around either, goss's own rules: the whole lookup within `timeout` (else `DNS lookup timed out (2s)`),
 * tried up to three times while it errs or finds nothing, answers sorted.
 */
import { goDuration } from '../go-duration.js';
import { goLookupHost } from './go-resolver.js';
import { serverLookup } from './miekg.js';
import { Budget, type DnsTransport, NetError, type Outcome, OuterTimeout } from './net.js';

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

/** A name's addresses as Go's resolver gives them in the target ([] when it cannot), within `timeoutMs`. */
export async function lookupHost(
  name: string,
  t: DnsTransport,
  timeoutMs: number,
  random = Math.random,
): Promise<string[]> {
  try {
    const r = await goLookupHost(name, { t, budget: new Budget(timeoutMs), random });
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
  const lookup = { t, budget: new Budget(q.timeoutMs), random };
  const { qtype, host } = splitTarget(q.target);
  try {
    if (q.server) return await serverLookup(host, qtype, q.server, lookup);
    const r = await goLookupHost(host, lookup);
    return 'addrs' in r ? r : { notFound: true };
  } catch (e) {
    if (e instanceof OuterTimeout) return { error: `DNS lookup timed out (${goDuration(q.timeoutMs)})` };
    throw e;
  }
}
