/**
 * The busybox helper in a target's namespaces (the namespace helper, docs/architecture.md): started once per
 * target and kept idle; it shares the target's network and PID namespaces (with CAP_SYS_PTRACE, to see the
 * target's root as /proc/<pid>/root when the target runs as another user), and every look into them is a
 * `docker exec` of one of its applets. Nothing is injected into the target, nothing crosses the host's bridge.
 */
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { EnvironmentError, errorMessage } from '../core/errors.js';
import { sessionLabels } from '../engine/session.js';
import { lookupHost } from './dns/lookup.js';
import type { DnsTransport } from './dns/net.js';
import { helperTransport } from './dns/transport.js';
import { type ExecResult, execIn } from './exec.js';
import { parseProcNet, type Socket } from './readings.js';
import { execTunnel } from './tunnel.js';

export class Namespaces {
  private started: Promise<Docker.Container> | null = null;
  private sockets: { at: number; read: Promise<Socket[]> } | null = null;
  private dnsTransport: DnsTransport | null = null;

  constructor(
    private readonly docker: Docker,
    /** The target's container id. */
    private readonly target: string,
    /** The helper image. */
    private readonly image: string,
    private readonly session: string,
  ) {}

  /** Runs a busybox applet in the target's namespaces (nc, ip, stat, cat, sh...). */
  async run(argv: string[], timeoutMs: number): Promise<ExecResult> {
    return execIn(await this.container(), ['/bin/busybox', ...argv], timeoutMs);
  }

  /**
   * Listening sockets, from /proc/net inside the target's network namespace; one read serves the checks that
   * ask within the same moment, a retry later reads afresh.
   */
  listening(): Promise<Socket[]> {
    if (!this.sockets || Date.now() - this.sockets.at > 250) {
      const read = this.run(
        ['cat', '/proc/net/tcp', '/proc/net/tcp6', '/proc/net/udp', '/proc/net/udp6'],
        10_000,
      ).then((r) => parseProcNet(r.stdout));
      this.sockets = { at: Date.now(), read };
    }
    return this.sockets.read;
  }

  /**
   * A stream to host:port opened inside the target's network namespace (see tunnel.ts). `localhost` goes to
   * the loopback address something listens on — 127.0.0.1 unless only ::1 does — as a dual-stack client
   * trying both would end up.
   */
  async connect(host: string, port: number, timeoutMs: number): Promise<Duplex> {
    const helper = await this.container();
    let to = host;
    if (host === 'localhost') {
      const on = (await this.listening()).filter((s) => s.proto.startsWith('tcp') && s.port === port);
      const v4 = on.some((s) => s.proto === 'tcp' || s.ip === '::');
      to = !v4 && on.some((s) => s.ip === '::1') ? '::1' : '127.0.0.1';
    }
    const secs = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
    return execTunnel(helper, ['/bin/busybox', 'nc', '-w', secs, to, String(port)]);
  }

  /** Reads files as seen from the target's namespaces (its /proc, /proc/sys, /sys/class/net). */
  async read(paths: string[]): Promise<Map<string, string | null>> {
    // Paths go in as arguments, never into the script: a spec value cannot become shell syntax.
    const script = 'i=0; for p; do echo "@@$i"; cat "$p" 2>/dev/null || echo "@@missing"; i=$((i+1)); done';
    const r = await this.run(['sh', '-c', script, 'read', ...paths], 10_000);
    const out = new Map<string, string | null>();
    const parts = r.stdout.split(/^@@(\d+)\n/m);
    for (let i = 1; i < parts.length; i += 2) {
      const body = parts[i + 1] ?? '';
      out.set(paths[Number(parts[i])] as string, body.trimEnd() === '@@missing' ? null : body);
    }
    return out;
  }

  /**
   * A name's addresses as a program in the target would get them (Go's resolver, as goss's: its /etc/hosts
   * and resolv.conf, DNS asked from inside its network namespace). IP literals are themselves.
   */
  resolve(name: string, timeoutMs: number): Promise<string[]> {
    return lookupHost(name, this.dns(), timeoutMs);
  }

  /** DNS messages exchanged inside the target's network namespace (UDP and TCP). */
  dns(): DnsTransport {
    this.dnsTransport ??= helperTransport({
      run: async (argv, timeoutMs) => execIn(await this.container(), argv, timeoutMs),
      connect: (host, port, timeoutMs) => this.connect(host, port, timeoutMs),
      read: (paths) => this.read(paths),
    });
    return this.dnsTransport;
  }

  /** Removes the helper, when it was started. */
  async close(): Promise<void> {
    const helper = await this.started?.catch(() => null);
    await helper?.remove({ force: true, v: true }).catch(() => undefined);
  }

  private container(): Promise<Docker.Container> {
    this.started ??= (async () => {
      const id = this.target;
      const c = await this.docker.createContainer({
        Image: this.image,
        Entrypoint: ['/bin/busybox'],
        Cmd: ['sleep', '2147483647'],
        Labels: sessionLabels(this.session),
        HostConfig: { NetworkMode: `container:${id}`, PidMode: `container:${id}`, CapAdd: ['SYS_PTRACE'] },
      });
      try {
        await c.start();
      } catch (e) {
        await c.remove({ force: true, v: true }).catch(() => undefined);
        throw new EnvironmentError(`the helper container did not start: ${errorMessage(e)}`);
      }
      return c;
    })();
    return this.started;
  }
}
