/**
 * Go's own resolver (net.LookupHost, pure Go), as goss uses it without `server:`: /etc/hosts and DNS in
 * nsswitch's order, resolv.conf's servers, search list, ndots, timeout, attempts and use-vc; A and AAAA in
 * parallel, EDNS0 at 1232 bytes, a truncated UDP answer asked again over TCP.
 */
import { isIP } from 'node:net';
import { type Lookup, NetError, newId, OuterTimeout } from './net.js';
import { hostsAddrs, hostsOrder, nameList, parseResolvConf, type ResolvConf } from './resolv.js';
import { addressesOf, decodeMessage, encodeQuery, GO_UDP_SIZE, type Message, type Qtype } from './wire.js';

/** A name's addresses, or no such host; rejects with OuterTimeout when goss's timer fires. */
export async function goLookupHost(
  name: string,
  lookup: Lookup,
): Promise<{ addrs: string[] } | { notFound: true }> {
  if (isIP(name)) return { addrs: [name] };
  if (!name) return { notFound: true };
  const files = await lookup.t.files();
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
      ? [await tryOneName(fqdn, 'A', conf, lookup), await tryOneName(fqdn, 'AAAA', conf, lookup)]
      : await Promise.all(types.map((q) => tryOneName(fqdn, q, conf, lookup)));
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
  lookup: Lookup,
): Promise<Message | null> {
  for (let i = 0; i < conf.attempts; i++) {
    for (const server of conf.servers) {
      const m = await exchange(server, fqdn, type, conf, lookup);
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
  { t, budget, random }: Lookup,
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
