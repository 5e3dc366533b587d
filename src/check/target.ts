import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { EnvironmentError, errorMessage, UserError } from '../core/errors.js';
import { demuxLogs } from '../engine/logs.js';
import { sessionLabels } from '../engine/session.js';
import { type FsReader, ImageFs } from '../probe/image-fs.js';
import { batchScript, parseBatch } from './batch.js';
import { ContainerFs } from './container-fs.js';
import { type DnsTransport, lookupHost } from './dns/lookup.js';
import { helperTransport } from './dns/transport.js';
import { type ExecResult, execIn } from './exec.js';
import { parseProcNet, type Socket } from './readings.js';
import { containerSettings, type RunOptions, SYSTEMD_STOP_SIGNAL, systemState } from './run-options.js';
import { execTunnel } from './tunnel.js';

/**
 * `sh -c "$1"` killed after $2 tenths of a second with every process it started (found through /proc: no
 * job control without a terminal): a timed-out command does not outlive the check in a container slipway
 * was given. The poll adds at most 0.1 s.
 */
const WATCHDOG = [
  'tree() { kill -STOP "$1" 2>/dev/null; for s in /proc/[0-9]*/stat; do read -r c _ _ pp _ <"$s" 2>/dev/null || continue; [ "$pp" = "$1" ] && tree "$c"; done; kill -9 "$1" 2>/dev/null; }',
  'sh -c "$1" & p=$!; i=0',
  'while kill -0 "$p" 2>/dev/null; do',
  '  if [ "$i" -ge "$2" ]; then tree "$p"; break; fi',
  '  sleep 0.1 2>/dev/null || sleep 1; i=$((i+1))',
  'done',
  'wait "$p"',
].join('\n');

const KEEP_ALIVE = ['/bin/sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 1; done'];

/**
 * The stage's image running, for checks that need a live system (command, process, port, http). It runs its
 * own CMD/ENTRYPOINT; when that exits at once (a build stage whose CMD is a REPL or a shell), it is started
 * again kept alive by its own /bin/sh. Sockets and HTTP are looked at from a busybox helper that shares its
 * network and PID namespaces — nothing is injected into the target, and nothing crosses the host's bridge.
 */
export class RunningTarget {
  note: string | null = null;
  private systemd = false;
  private sockets: { at: number; read: Promise<Socket[]> } | null = null;
  private helperStarted: Promise<Docker.Container> | null = null;
  private dnsTransport: DnsTransport | null = null;
  private envRead: Promise<string[]> | null = null;
  private liveFs: ContainerFs | null = null;
  private archiveMounts: string[] = [];

  private constructor(
    private readonly docker: Docker,
    private container: Docker.Container,
    private readonly helper: string,
    private readonly session: string,
    /** Whether the image has /bin/sh (may still be being read while the container starts). */
    private readonly shell: Promise<boolean>,
    /** Started by slipway (and removed by `close`), or a container it was given, left as it was. */
    private readonly owned = true,
  ) {}

  /**
   * A container that is already running (a compose service, one started by hand): nothing is started in it
   * or copied into it; `close()` removes only the helper.
   */
  static async attach(
    docker: Docker,
    ref: string,
    opts: { session: string; helper: string },
  ): Promise<RunningTarget> {
    const c = docker.getContainer(ref);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await c.inspect();
    } catch {
      throw new UserError(`no container '${ref}' in the engine`, {
        hint: 'docker ps lists the running ones',
      });
    }
    if (!info.State.Running)
      throw new UserError(`container '${ref}' is not running (${info.State.Status})`, {
        hint: `start it first (docker start ${info.Name.replace(/^\//, '')})`,
      });
    const shell = ImageFs.of(c)
      .entry('/bin/sh')
      .then(
        (e) => e !== null,
        () => false,
      );
    const t = new RunningTarget(
      docker,
      docker.getContainer(info.Id),
      opts.helper,
      opts.session,
      shell,
      false,
    );
    t.archiveMounts = [
      ...(info.Mounts ?? []).map((m) => m.Destination),
      '/etc/hosts',
      '/etc/hostname',
      '/etc/resolv.conf',
    ];
    return t;
  }

  /** Whether slipway started this container (false for one given with --container). */
  get started(): boolean {
    return this.owned;
  }

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
      /** user, privileged, capAdd, tmpfs, volumes, addHost, systemd (see run-options.ts). */
      options?: RunOptions;
      /** The network to join (an existing or a test network), else the engine's default. */
      network?: string | null;
      /** How long a systemd boot may take to settle (default 90 s). */
      systemdTimeoutMs?: number;
    },
  ): Promise<RunningTarget> {
    const o = opts.options ?? {};
    const chosen = opts.entrypoint !== undefined || opts.cmd !== undefined || o.systemd === true;
    const cgroup = o.systemd ? await cgroupVersion(docker) : '1';
    const create = (entrypoint?: string[], cmd?: string[]) => {
      const settings = containerSettings(
        o,
        {
          ...(entrypoint ? { entrypoint } : {}),
          ...(cmd ? { cmd } : {}),
          ...(opts.binds ? { binds: opts.binds } : {}),
          network: opts.network ?? null,
        },
        cgroup,
      );
      return docker.createContainer({
        Image: image,
        Labels: sessionLabels(opts.session),
        Env: opts.env ?? [],
        ...settings,
        HostConfig: { Init: false, ...settings.HostConfig },
      });
    };
    const t = new RunningTarget(
      docker,
      await create(opts.entrypoint, opts.cmd),
      opts.helper,
      opts.session,
      Promise.resolve(opts.hasShell),
    );
    t.systemd = o.systemd === true;
    await startOrRemove(t.container, o);
    try {
      if (o.systemd) {
        await t.settle(opts.systemdTimeoutMs ?? 90_000);
        return t;
      }
      // A CMD that cannot serve (a REPL without stdin, a shell) exits within moments: watch briefly for that.
      let state = (await t.container.inspect()).State;
      for (let i = 0; i < 6 && state.Running; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = (await t.container.inspect()).State;
      }
      if (!state.Running) {
        const why = await t.stopped(state.ExitCode);
        await t.container.remove({ force: true, v: true }).catch(() => undefined);
        if (chosen) {
          const init = /(^|\/)(init|systemd)$/.test(opts.entrypoint?.[0] ?? '');
          throw new Error(
            `the container stopped: ${why}; the entrypoint/cmd given for the tests must keep running${init ? '; /sbin/init (systemd) also needs what --systemd (test.<stage>.systemd: true) sets up: tmpfs on /run and /run/lock and the cgroup hierarchy' : ''}`,
          );
        }
        if (!(await opts.hasShell))
          throw new Error(
            `the container stopped: ${why}; it has no /bin/sh to keep it alive: give it a command that keeps running (--entrypoint/--cmd, or test.<stage> in slipway.yaml)`,
          );
        t.container = await create(KEEP_ALIVE);
        await startOrRemove(t.container, o);
        t.note = `${why}: kept alive with /bin/sh for the checks`;
      }
    } catch (e) {
      await t.container.remove({ force: true, v: true }).catch(() => undefined);
      throw e;
    }
    return t;
  }

  /** Why the container stopped, with the last line it printed. */
  private async stopped(code: number): Promise<string> {
    const tail = await this.logTail();
    return `its command exited with code ${code}${tail.length ? ` (${tail.slice(-1)[0]})` : ''}`;
  }

  /**
   * A systemd boot settles when `systemctl is-system-running` says running or degraded (the failed units are
   * noted); one that has not settled in time is checked anyway, with a note. A container that stops, or whose
   * systemctl never answers as PID 1's, is an error.
   */
  private async settle(timeoutMs: number): Promise<void> {
    const t0 = Date.now();
    let said = '';
    for (;;) {
      const state = (await this.container.inspect()).State;
      if (!state.Running)
        throw new Error(
          `the container stopped: ${await this.stopped(state.ExitCode)}; systemd did not boot (docker logs show nothing unless it has a terminal)`,
        );
      const r = await execIn(this.container, ['systemctl', 'is-system-running'], 10_000).catch(() => null);
      said = r?.stdout.trim() || r?.stderr.trim().split('\n').pop() || 'no answer';
      const s = systemState(r?.stdout ?? '');
      if (s === 'settled') return;
      if (s === 'degraded') {
        const failed = await execIn(
          this.container,
          ['systemctl', '--failed', '--plain', '--no-legend'],
          10_000,
        );
        const units = failed.stdout
          .split('\n')
          .map((l) => l.trim().split(/\s+/)[0])
          .filter(Boolean);
        this.note = `systemd is degraded: failed units ${units.join(', ') || '(none listed)'}`;
        return;
      }
      if (s === 'offline' && Date.now() - t0 > 15_000)
        throw new Error(
          `systemd: true, but systemd is not running as PID 1 (systemctl is-system-running: ${said}); is /sbin/init systemd in this image (Debian: systemd-sysv)?`,
        );
      if (Date.now() - t0 > timeoutMs) {
        this.note = `systemd did not settle within ${Math.round(timeoutMs / 1000)}s (systemctl is-system-running: ${said}): checked anyway`;
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
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
      // In a container slipway does not remove, a command that times out is killed in it, as goss kills it.
      const argv = this.owned
        ? ['/bin/sh', '-c', command]
        : ['/bin/sh', '-c', WATCHDOG, 'sh', command, String(Math.max(1, Math.ceil(timeoutMs / 100)))];
      return execIn(this.container, argv, timeoutMs);
    }
    return execIn(this.container, command, timeoutMs);
  }

  /**
   * Many shell commands at once (see batch.ts); null when they cannot be batched (no shell, or the batch
   * script's tools are missing), and then each runs through `exec` on its own.
   */
  async execBatch(commands: { command: string; timeoutMs: number }[]): Promise<ExecResult[] | null> {
    // The batch keeps scratch files in the container's /tmp: never in a container slipway was given.
    if (!this.owned || commands.length < 2 || !(await this.shell)) return null;
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
  filesystem(): FsReader {
    if (this.owned) return ImageFs.of(this.container);
    this.liveFs ??= new ContainerFs({
      archive: ImageFs.of(this.container),
      shell: (script, args, timeoutMs) => this.helperRun(['sh', '-c', script, 'slipway', ...args], timeoutMs),
      archiveMounts: this.archiveMounts,
    });
    return this.liveFs;
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
    if (!this.owned) {
      await helper?.remove({ force: true, v: true }).catch(() => undefined);
      return;
    }
    await Promise.all([helper?.remove({ force: true, v: true }).catch(() => undefined), this.stopSystemd()]);
    await this.container.remove({ force: true, v: true }).catch(() => undefined);
  }

  /** systemd stops cleanly on SIGRTMIN+3 (what `docker stop` sends it with its StopSignal); 10 s at most. */
  private async stopSystemd(): Promise<void> {
    if (!this.systemd) return;
    await this.container.kill({ signal: SYSTEMD_STOP_SIGNAL }).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const running = await this.container.inspect().then(
        (i) => i.State.Running,
        () => false,
      );
      if (!running) return;
      await new Promise((r) => setTimeout(r, 100));
    }
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
async function startOrRemove(c: Docker.Container, o: RunOptions = {}): Promise<void> {
  try {
    await c.start();
  } catch (e) {
    await c.remove({ force: true, v: true }).catch(() => undefined);
    const why = errorMessage(e).replace(/^\(HTTP code \d+\) [a-z ]+- /, '');
    if (o.privileged && /unable to apply caps/.test(why))
      throw new EnvironmentError(
        `the container did not start: the runtime refuses --privileged here (${why.replace(/^.*?(unable to apply caps)/, '$1').replace(/: unknown\s*$/, '')})`,
        'this engine cannot grant every capability (it runs inside a restricted container or sandbox): add only the capabilities needed (capAdd), and for a systemd image use systemd: true, which needs no privileges',
      );
    throw new EnvironmentError(
      `the container did not start: ${why}`,
      'check its entrypoint and command (--entrypoint/--cmd, or test.<stage> in slipway.yaml) and `docker info`',
    );
  }
}

/** The engine's cgroup version ('1' or '2'), asked once per engine connection. */
const cgroups = new WeakMap<Docker, Promise<'1' | '2'>>();
export function cgroupVersion(docker: Docker): Promise<'1' | '2'> {
  let v = cgroups.get(docker);
  if (!v) {
    v = docker.info().then(
      (i: { CgroupVersion?: string }) => (i.CgroupVersion === '2' ? '2' : '1'),
      () => '1' as const,
    );
    cgroups.set(docker, v);
  }
  return v;
}
