import packet, { type Answer } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gossLookup, lookupHost, splitTarget } from '../../../src/check/dns/lookup.js';
import { hostsAddrs, hostsOrder, nameList, parseResolvConf } from '../../../src/check/dns/resolv.js';
import { helperTransport } from '../../../src/check/dns/transport.js';
import { goIP, gossAnswers, presentName, reverseAddr, txtString } from '../../../src/check/dns/wire.js';
import { type DnsServer, localTransport, startDnsServer } from '../../helpers/dns-server.js';

const rr = (type: string, name: string, data: unknown): Answer =>
  ({ type, name, ttl: 60, class: 'IN', data }) as Answer;

/** A small zone of our own, every record type goss asks for. */
const ZONE: Record<string, Answer[]> = {
  'A zone.test': [rr('A', 'zone.test', '192.0.2.10')],
  'AAAA v6.zone.test': [rr('AAAA', 'v6.zone.test', '2001:db8:0:0:0:0:0:5')],
  'A www.zone.test': [rr('CNAME', 'www.zone.test', 'zone.test'), rr('A', 'zone.test', '192.0.2.10')],
  'CNAME www.zone.test': [rr('CNAME', 'www.zone.test', 'zone.test')],
  'MX zone.test': [
    rr('MX', 'zone.test', { preference: 10, exchange: 'mx2.zone.test' }),
    rr('MX', 'zone.test', { preference: 5, exchange: 'mx1.zone.test' }),
  ],
  'NS zone.test': [rr('NS', 'zone.test', 'ns2.zone.test'), rr('NS', 'zone.test', 'ns1.zone.test')],
  'SRV _https._tcp.zone.test': [
    rr('SRV', '_https._tcp.zone.test', { priority: 10, weight: 10, port: 443, target: 'b.zone.test' }),
    rr('SRV', '_https._tcp.zone.test', { priority: 0, weight: 5, port: 443, target: 'a.zone.test' }),
  ],
  'TXT txt.zone.test': [rr('TXT', 'txt.zone.test', ['Hello DNS', 'say "hi"'])],
  'CAA zone.test': [
    rr('CAA', 'zone.test', { flags: 0, tag: 'issue', value: 'ca.example' }),
    rr('CAA', 'zone.test', { flags: 0, tag: 'issuewild', value: ';' }),
  ],
  'PTR 10.2.0.192.in-addr.arpa': [rr('PTR', '10.2.0.192.in-addr.arpa', 'zone.test')],
  'A big.zone.test': [rr('A', 'big.zone.test', '192.0.2.99')],
  'A search.zone.test': [rr('A', 'search.zone.test', '192.0.2.77')],
};

describe('DNS as goss reads it', () => {
  let server: DnsServer;
  let quiet: DnsServer;
  beforeAll(async () => {
    server = await startDnsServer((type, name) => {
      if (name === 'big.zone.test') return { truncateUdp: true, answers: ZONE[`${type} ${name}`] ?? [] };
      const answers = ZONE[`${type} ${name}`];
      if (answers) return { answers };
      return name.endsWith('zone.test') ? { answers: [] } : { rcode: 3 };
    });
    quiet = await startDnsServer(() => ({ silent: true }));
  });
  afterAll(async () => {
    await server.close();
    await quiet.close();
  });
  const at = () => `127.0.0.1:${server.port}`;
  const ask = (target: string, opts: { server?: string | null; timeoutMs?: number } = {}) =>
    gossLookup(
      { target, server: opts.server === undefined ? at() : opts.server, timeoutMs: opts.timeoutMs ?? 2000 },
      localTransport({ resolvConf: `nameserver 127.0.0.1\n`, hosts: '10.9.8.7 dns.local\n' }),
    );

  it('with server: every record type, written as goss writes it, sorted', async () => {
    expect(await ask('A:zone.test')).toEqual({ resolvable: true, addrs: ['192.0.2.10'] });
    expect((await ask('AAAA:v6.zone.test')).addrs).toEqual(['2001:db8::5']);
    expect((await ask('CNAME:www.zone.test')).addrs).toEqual(['zone.test.']);
    expect((await ask('MX:zone.test')).addrs).toEqual(['10 mx2.zone.test.', '5 mx1.zone.test.']);
    expect((await ask('NS:zone.test')).addrs).toEqual(['ns1.zone.test.', 'ns2.zone.test.']);
    expect((await ask('SRV:_https._tcp.zone.test')).addrs).toEqual([
      '0 5 443 a.zone.test.',
      '10 10 443 b.zone.test.',
    ]);
    expect((await ask('TXT:txt.zone.test')).addrs).toEqual(['Hello DNS', 'say \\"hi\\"']);
    expect((await ask('CAA:zone.test')).addrs).toEqual(['0 issue ca.example', '0 issuewild ;']);
    expect((await ask('PTR:192.0.2.10')).addrs).toEqual(['zone.test.']);
  });

  it('with server, untyped: A then AAAA; the CNAME chain gives the address', async () => {
    server.asked.length = 0;
    expect(await ask('www.zone.test')).toEqual({ resolvable: true, addrs: ['192.0.2.10'] });
    expect(server.asked).toEqual(['udp A www.zone.test', 'udp AAAA www.zone.test']);
  });

  it('nothing found: not resolvable, no error, after goss three tries', async () => {
    server.asked.length = 0;
    expect(await ask('MX:none.zone.test')).toEqual({ resolvable: false, addrs: [] });
    expect(server.asked).toHaveLength(3);
    expect(await ask('PTR:not-an-ip')).toEqual({
      resolvable: false,
      addrs: [],
      error: 'dns: unrecognized address: not-an-ip',
    });
  });

  it("with server: a truncated answer is what goss's client takes (no TCP fallback)", async () => {
    server.asked.length = 0;
    expect(await ask('A:big.zone.test')).toEqual({ resolvable: false, addrs: [] });
    expect(server.asked.every((q) => q.startsWith('udp'))).toBe(true);
  });

  it('no answer within the timeout is goss own error, three times', async () => {
    const t0 = Date.now();
    const r = await ask('A:zone.test', { server: `127.0.0.1:${quiet.port}`, timeoutMs: 150 });
    expect(r).toEqual({ resolvable: false, addrs: [], error: 'DNS lookup timed out (150ms)' });
    // Each try waited its timeout (a timer may fire a few ms early against Date.now(): libuv's loop clock).
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3 * 150 - 30);
    expect(quiet.asked).toHaveLength(3);
  });

  it("a server given by name is found as Go's Dial finds it", async () => {
    const t = localTransport({ hosts: `127.0.0.1 dns.local\n` });
    const r = await gossLookup(
      { target: 'A:zone.test', server: `dns.local:${server.port}`, timeoutMs: 2000 },
      t,
    );
    expect(r.addrs).toEqual(['192.0.2.10']);
    const bad = await gossLookup({ target: 'A:zone.test', server: 'nowhere.local', timeoutMs: 300 }, t);
    expect(bad.error).toBe('dial udp: lookup nowhere.local: no such host');
  });

  describe("without server: Go's resolver in the target", () => {
    const conf = () =>
      localTransport({
        hosts: '127.0.0.1 localhost\n::1 localhost ip6-localhost\n10.1.2.3 db DB.internal\n',
        resolvConf: `nameserver 127.0.0.1\nsearch zone.test\noptions ndots:1 timeout:1\n`,
      });
    const sys = (target: string, t = conf()) => gossLookup({ target, server: null, timeoutMs: 2000 }, t);

    it('/etc/hosts first (every address of the name), then DNS', async () => {
      expect(await sys('localhost')).toEqual({ resolvable: true, addrs: ['127.0.0.1', '::1'] });
      expect((await sys('db.internal')).addrs).toEqual(['10.1.2.3']);
      expect((await sys('192.0.2.1')).addrs).toEqual(['192.0.2.1']);
    });

    it('resolv.conf: its server on port 53 is asked; the search list completes a short name', async () => {
      // The server listens on a random port: point resolv.conf at it through a transport that redirects 53.
      const base = conf();
      const t = {
        ...base,
        udp: (h: string, _p: number, q: Buffer, ms: number) => base.udp(h, server.port, q, ms),
      };
      const tcp = {
        ...t,
        tcp: (h: string, _p: number, q: Buffer, ms: number) => base.tcp(h, server.port, q, ms),
      };
      server.asked.length = 0;
      expect((await sys('search', tcp)).addrs).toEqual(['192.0.2.77']);
      expect(server.asked).toContain('udp A search.zone.test');
      // Truncated over UDP: asked again over TCP, as Go does.
      server.asked.length = 0;
      expect((await sys('big.zone.test', tcp)).addrs).toEqual(['192.0.2.99']);
      expect(server.asked).toContain('tcp A big.zone.test');
      // An unknown name is a DNSError: not resolvable, no error, asked once.
      expect(await sys('nope.example', tcp)).toEqual({ resolvable: false, addrs: [] });
      expect(await lookupHost('zone.test', tcp, 2000)).toEqual(['192.0.2.10']);
    });
  });

  it('resolv.conf, nsswitch and hosts as Go reads them', () => {
    const c = parseResolvConf(
      'nameserver 10.0.0.2\nnameserver ::1\ndomain a.b\noptions ndots:2 attempts:3 use-vc\n',
    );
    expect(c.servers).toEqual([
      { host: '10.0.0.2', port: 53 },
      { host: '::1', port: 53 },
    ]);
    expect(c).toMatchObject({ search: ['a.b.'], ndots: 2, attempts: 3, useTCP: true, timeoutMs: 5000 });
    expect(parseResolvConf(null, 'web.corp.example').search).toEqual(['corp.example.']);
    expect(parseResolvConf('').servers).toHaveLength(2);
    expect(nameList('db', { ...c, ndots: 1 })).toEqual(['db.a.b.', 'db.']);
    expect(nameList('db.x', { ...c, ndots: 1 })).toEqual(['db.x.', 'db.x.a.b.']);
    expect(nameList('db.', c)).toEqual(['db.']);
    expect(hostsOrder(null)).toBe('files-dns');
    expect(hostsOrder('hosts: dns [!UNAVAIL=return] files\n')).toBe('dns-files');
    expect(hostsOrder('hosts:  files mdns4_minimal dns myhostname')).toBe('files-dns');
    expect(hostsAddrs('0:0::1 lo\n10.0.0.1 a # b\n', 'LO.')).toEqual(['::1']);
    expect(hostsAddrs('10.0.0.1 a # b\n', 'b')).toEqual([]);
  });

  it('answers formatted as miekg presents them', () => {
    expect(goIP('2001:0db8:0000:0000:0001:0000:0000:0001')).toBe('2001:db8::1:0:0:1');
    expect(goIP('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(goIP('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(goIP('::')).toBe('::');
    expect(goIP('2404:6800:4001:807:0:0:0:200e')).toBe('2404:6800:4001:807::200e');
    expect(reverseAddr('192.0.2.10')).toBe('10.2.0.192.in-addr.arpa.');
    expect(reverseAddr('2001:db8::1')).toBe(
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.',
    );
    expect(presentName('a b.example')).toBe('a\\ b.example.');
    expect(presentName('.')).toBe('.');
    expect(txtString(Buffer.from([0x61, 0x09, 0x5c]))).toBe('a\\009\\\\');
    const m = packet.decode(
      packet.encode({
        type: 'response',
        answers: [
          rr('SSHFP', 'h', { algorithm: 1, hash: 1, fingerprint: 'ab'.repeat(20) }),
          rr('A', 'h', '10.0.0.1'),
        ],
      }),
    );
    expect(gossAnswers('SSHFP', m.answers ?? [])).toEqual([`1 1 ${'AB'.repeat(20)}`]);
    expect(gossAnswers('A', m.answers ?? [])).toEqual(['10.0.0.1']);
    expect(splitTarget('MX:zone.test')).toEqual({ qtype: 'MX', host: 'zone.test' });
    expect(splitTarget('mx:zone.test')).toEqual({ qtype: null, host: 'mx:zone.test' });
    expect(splitTarget('FOO:zone.test')).toEqual({ qtype: 'FOO', host: 'zone.test' });
  });

  it("the helper's failures in Go's words", async () => {
    const fake = (exitCode: number, stderr: string) =>
      helperTransport({
        run: async () => ({ exitCode, stdout: '', stderr, timedOut: false }),
        connect: async () => {
          throw new Error("nc: can't connect to remote host (127.0.0.1): Connection refused");
        },
        read: async () => new Map(),
      });
    const q = Buffer.alloc(12);
    await expect(
      fake(3, 'bash: line 1: /dev/udp/8.8.8.8/53: Network is unreachable').udp('8.8.8.8', 53, q, 500),
    ).rejects.toThrow('dial udp 8.8.8.8:53: connect: network is unreachable');
    await expect(fake(1, 'dd: standard input: Connection refused').udp('::1', 8053, q, 500)).rejects.toThrow(
      'read udp [::1]:8053: read: connection refused',
    );
    await expect(fake(143, '').udp('127.0.0.1', 53, q, 500)).rejects.toMatchObject({ timeout: true });
    await expect(fake(0, '').tcp('127.0.0.1', 53, q, 500)).rejects.toThrow(
      'dial tcp 127.0.0.1:53: connect: connection refused',
    );
  });
});
