/**
 * What both of goss's resolvers (go-resolver.ts, miekg.ts) share: the way messages reach servers inside the
 * target's network namespace, Go's net errors, and goss's timer around a lookup.
 */

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

/** What one lookup found: addresses, no such host, or goss's error. */
export type Outcome = { addrs: string[] } | { notFound: true } | { error: string };

/**
 * goss's timer around a lookup, counting the time the network took (what each exchange reports): slipway's
 * own cost of reaching the namespace (a `docker exec`) is not the DNS server's slowness. Parallel lanes
 * (Go's A and AAAA) fork it and the slower lane is charged.
 */
export class Budget {
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

/** goss's timer fired. */
export class OuterTimeout extends Error {}

/** One lookup under way: how messages go, its timer, and where its message ids come from. */
export interface Lookup {
  t: DnsTransport;
  budget: Budget;
  random: () => number;
}

export const newId = (random: () => number) => Math.floor(random() * 65536) & 0xffff;
