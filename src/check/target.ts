import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { EnvironmentError, errorMessage } from '../core/errors.js';
import { demuxLogs } from '../engine/logs.js';
import { sessionLabels } from '../engine/session.js';
import { ImageFs } from '../probe/image-fs.js';
import { batchScript, parseBatch } from './batch.js';
import { type DnsTransport, lookupHost } from './dns/lookup.js';
import { helperTransport } from './dns/transport.js';
import { type ExecResult, execIn } from './exec.js';
import { parseProcNet, type Socket } from './readings.js';
import { execTunnel } from './tunnel.js';

const KEEP_ALIVE = ['/bin/sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 1; done'];

/**
 * The stage's image running, for checks that need a live system (command, process, port, http). It runs its
 * own CMD/ENTRYPOINT; when that exits at once (a build stage whose CMD is a REPL or a shell), it is started
 * again kept alive by its own /bin/sh. Sockets and HTTP are looked at from a busybox helper that shares its
 * network and PID namespaces — nothing is injected into the target, and nothing crosses the host's bridge.
 */
export class RunningTarget {
  note: string | null = null;
  private sockets: { at: number; read: Promise<Socket[]> } | null = null;
  private helperStarted: Promise<Docker.Container> | null = null;
  private dnsTransport: DnsTransport | null = null;
  private envRead: Promise<string[]> | null = null;

  private constructor(
    private readonly docker: Docker,
    private container: Docker.Container,
    private readonly helper: string,
    private readonly session: string,
    /** Whether the image has /bin/sh (may still be being read while the container starts). */
    private readonly shell: Promise<boolean>,
  ) {}

  static async start(
    docker: Docker,
    image: string,
    opts: {
      session: string;
      helper: string;
      hasShell: boolean | Promise<boolean>;
      env?: string[];
      binds?: string[];
      /** Run with these instead of the image's ENTRYPOINT / CMD (as `docker run --entrypoint ... IMAGE CMD`). */
      entrypoint?: string[];
      cmd?: string[];
    },
  ): Promise<RunningTarget> {
    const chosen = opts.entrypoint !== undefined || opts.cmd !== undefined;
    const create = (entrypoint?: string[], cmd?: string[]) =>
      docker.createContainer({
        Image: image,
        Labels: sessionLabels(opts.session),
        Env: opts.env ?? [],
        // An entrypoint given alone runs without the image's CMD, as docker run --entrypoint does.
        ...(entrypoint ? { Entrypoint: entrypoint, Cmd: cmd ?? [] } : cmd ? { Cmd: cmd } : {}),
        HostConfig: { Init: false, Binds: opts.binds ?? [] },
      });
    const t = new RunningTarget(
      docker,
      await create(opts.entrypoint, opts.cmd),
      opts.helper,
      opts.session,
      Promise.resolve(opts.hasShell),
    );
    await startOrRemove(t.container);
    try {
      // A CMD that cannot serve (a REPL without stdin, a shell) exits within moments: watch briefly for that.
      let state = (await t.container.inspect()).State;
      for (let i = 0; i < 6 && state.Running; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = (await t.container.inspect()).State;
      }
      if (!state.Running) {
        const tail = await t.logTail();
        const why = `its command exited with code ${state.ExitCode}${tail.length ? ` (${tail.slice(-1)[0]})` : ''}`;
        await t.container.remove({ force: true, v: true }).catch(() => undefined);
        if (chosen)
          throw new Error(
            `the container stopped: ${why}; the entrypoint/cmd given for the tests must keep running`,
          );
        if (!(await opts.hasShell))
          throw new Error(
            `the container stopped: ${why}; it has no /bin/sh to keep it alive: give it a command that keeps running (--entrypoint/--cmd, or test.<stage> in slipway.yaml)`,
          );
        t.container = await create(KEEP_ALIVE);
        await startOrRemove(t.container);
        t.note = `${why}: kept alive with /bin/sh for the checks`;
      }
    } catch (e) {
      await t.container.remove({ force: true, v: true }).catch(() => undefined);
      throw e;
    }
    return t;
  }

  /** goss runs a string through `sh -c` (so without a shell it cannot run), a list without a shell. */
  async exec(command: string | string[], timeoutMs: number): Promise<ExecResult> {
    if (typeof command === 'string') {
      if (!(await this.shell))
        return Promise.reject(
          new Error(
            'exec: "sh": executable file not found in $PATH (give `exec` as a list for an image without a shell)',
          ),
        );
      return execIn(this.container, ['/bin/sh', '-c', command], timeoutMs);
    }
    return execIn(this.container, command, timeoutMs);
  }

  /**
   * Many shell commands at once (see batch.ts); null when they cannot be batched (no shell, or the batch
   * script's tools are missing), and then each runs through `exec` on its own.
   */
  async execBatch(commands: { command: string; timeoutMs: number }[]): Promise<ExecResult[] | null> {
    if (commands.length < 2 || !(await this.shell)) return null;
    const longest = Math.max(...commands.map((c) => c.timeoutMs));
    const r = await execIn(this.container, ['/bin/sh', '-c', batchScript(commands)], longest + 5000);
    if (r.timedOut || r.exitCode !== 0 || !r.raw) return null;
    return parseBatch(r.raw, commands.length);
  }

  /** Executable names of the running processes (goss `comm`), via the engine's `top` — no exec in the target. */
  async processes(): Promise<string[]> {
    // The engine runs ps on the host for the container's processes; it needs the PID column.
    const top = await this.container.top({ ps_args: '-o pid,comm' });
    const col = (top.Titles ?? []).findIndex((t: string) => t === 'COMMAND');
    return ((top.Processes ?? []) as string[][]).map((p) => (p[col < 0 ? 1 : col] ?? '').trim());
  }

  /**
   * Listening sockets, from /proc/net inside the target's network namespace (read by the helper); one read
   * serves the checks that ask within the same moment, a retry later reads afresh.
   */
  listening(): Promise<Socket[]> {
    if (!this.sockets || Date.now() - this.sockets.at > 250) {
      const read = this.helperRun(
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
    const helper = await this.helperContainer();
    let to = host;
    if (host === 'localhost') {
      const on = (await this.listening()).filter((s) => s.proto.startsWith('tcp') && s.port === port);
      const v4 = on.some((s) => s.proto === 'tcp' || s.ip === '::');
      to = !v4 && on.some((s) => s.ip === '::1') ? '::1' : '127.0.0.1';
    }
    const secs = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
    return execTunnel(helper, ['/bin/busybox', 'nc', '-w', secs, to, String(port)]);
  }

  /** Reads files as seen from the target's namespaces (its /proc, /proc/sys, /sys/class/net), via the helper. */
  async readFromNamespaces(paths: string[]): Promise<Map<string, string | null>> {
    // Paths go in as arguments, never into the script: a spec value cannot become shell syntax.
    const script = 'i=0; for p; do echo "@@$i"; cat "$p" 2>/dev/null || echo "@@missing"; i=$((i+1)); done';
    const r = await this.helperRun(['sh', '-c', script, 'read', ...paths], 10_000);
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

  /** DNS messages exchanged inside the target's network namespace (UDP and TCP, through the helper). */
  dns(): DnsTransport {
    this.dnsTransport ??= helperTransport({
      run: async (argv, timeoutMs) => execIn(await this.helperContainer(), argv, timeoutMs),
      connect: (host, port, timeoutMs) => this.connect(host, port, timeoutMs),
      read: (paths) => this.readFromNamespaces(paths),
    });
    return this.dnsTransport;
  }

  /** Runs a busybox applet in the target's network namespace (nc -z, nslookup, ip). */
  inNetwork(argv: string[], timeoutMs: number): Promise<ExecResult> {
    return this.helperRun(argv, timeoutMs);
  }

  /** The container's environment (the image's ENV with what the run adds): what a process in it gets. */
  async env(): Promise<string[]> {
    this.envRead ??= this.container.inspect().then((i) => i.Config?.Env ?? []);
    return this.envRead;
  }

  /** The container's id, for tools that attach to it (an interactive `docker exec`). */
  get id(): string {
    return this.container.id;
  }

  /** Its filesystem as it is now (the archive API works on running containers too). */
  filesystem(): ImageFs {
    return ImageFs.of(this.container);
  }

  async logTail(lines = 10): Promise<string[]> {
    try {
      const { stdout, stderr } = demuxLogs(
        (await this.container.logs({ stdout: true, stderr: true, tail: lines })) as unknown as Buffer,
      );
      return `${stdout}${stderr}`.trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }

  async close(): Promise<void> {
    const helper = await this.helperStarted?.catch(() => null);
    await Promise.all([
      helper?.remove({ force: true, v: true }).catch(() => undefined),
      this.container.remove({ force: true, v: true }).catch(() => undefined),
    ]);
  }

  /**
   * The busybox helper, started once per target and kept idle: it shares the target's network and PID
   * namespaces (with CAP_SYS_PTRACE, to see the target's root as /proc/<pid>/root when the target runs as
   * another user), and every look into them is a `docker exec` of one of its applets.
   */
  private helperContainer(): Promise<Docker.Container> {
    this.helperStarted ??= (async () => {
      const id = this.container.id;
      const c = await this.docker.createContainer({
        Image: this.helper,
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
    return this.helperStarted;
  }

  private async helperRun(argv: string[], timeoutMs: number): Promise<ExecResult> {
    const helper = await this.helperContainer();
    return execIn(helper, ['/bin/busybox', ...argv], timeoutMs);
  }
}

/** Starts a created container; one that cannot start (a wrong entrypoint) is removed, not left behind. */
async function startOrRemove(c: Docker.Container): Promise<void> {
  try {
    await c.start();
  } catch (e) {
    await c.remove({ force: true, v: true }).catch(() => undefined);
    throw new EnvironmentError(
      `the container did not start: ${errorMessage(e).replace(/^\(HTTP code \d+\) [a-z ]+- /, '')}`,
      'check its entrypoint and command (--entrypoint/--cmd, or test.<stage> in slipway.yaml) and `docker info`',
    );
  }
}
