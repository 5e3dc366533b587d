import type Docker from 'dockerode';
import { EnvironmentError, errorMessage, UserError } from '../core/errors.js';
import { demuxLogs } from '../engine/logs.js';
import { sessionLabels } from '../engine/session.js';
import { type FsReader, ImageFs } from '../probe/image-fs.js';
import { batchScript, parseBatch } from './batch.js';
import { ContainerFs } from './container-fs.js';
import { type ExecResult, execIn, killedAfter } from './exec.js';
import { Namespaces } from './namespaces.js';
import { containerSettings, type RunOptions } from './run-options.js';
import { cgroupVersion, settle, stopSystemd } from './systemd.js';

const KEEP_ALIVE = ['/bin/sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 1; done'];

/**
 * The stage's image running, for checks that need a live system (command, process, port, http). It runs its
 * own CMD/ENTRYPOINT; when that exits at once (a build stage whose CMD is a REPL or a shell), it is started
 * again kept alive by its own /bin/sh. Sockets, HTTP, DNS and /proc are looked at from the busybox helper in
 * its namespaces (`namespaces`, namespaces.ts).
 */
export class RunningTarget {
  note: string | null = null;
  private systemd = false;
  /** The image's own command runs (slipway chose none), so a /bin/sh may keep the container alive instead. */
  private mayKeepAlive = false;
  /** Set when slipway was given what runs (an entrypoint, a cmd, systemd): that must keep running itself. */
  private given: { init: boolean } | null = null;
  private helperIn: Namespaces | null = null;
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
      /**
       * Why the image's own command was seen to stop in an earlier attempt (it exited only after the brief
       * watch, as under load): start with /bin/sh keeping it alive at once, and say so.
       */
      keptAliveBecause?: string;
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
    const keepNow = !chosen && opts.keptAliveBecause !== undefined;
    const t = new RunningTarget(
      docker,
      await create(keepNow ? KEEP_ALIVE : opts.entrypoint, keepNow ? undefined : opts.cmd),
      opts.helper,
      opts.session,
      Promise.resolve(opts.hasShell),
    );
    t.systemd = o.systemd === true;
    t.mayKeepAlive = !chosen && !keepNow;
    if (chosen) t.given = { init: /(^|\/)(init|systemd)$/.test(opts.entrypoint?.[0] ?? '') };
    if (keepNow) t.note = `${opts.keptAliveBecause}: kept alive with /bin/sh for the checks`;
    await startOrRemove(t.container, o);
    if (keepNow) return t;
    try {
      if (o.systemd) {
        t.note = await settle(t.container, opts.systemdTimeoutMs ?? 90_000, (code) => t.stopped(code));
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
        const lacks = await t.cannotKeepAlive();
        if (lacks) throw new Error(`the container stopped: ${why}; ${lacks}`);
        t.container = await create(KEEP_ALIVE);
        t.mayKeepAlive = false;
        await startOrRemove(t.container, o);
        t.note = `${why}: kept alive with /bin/sh for the checks`;
      }
    } catch (e) {
      await t.container.remove({ force: true, v: true }).catch(() => undefined);
      throw e;
    }
    return t;
  }

  /**
   * Why the image's own command stopped while the checks ran (it outlived the brief watch at the start, as a
   * REPL does on a loaded machine), when a /bin/sh could have kept the container alive; null when it still
   * runs, or when nothing could be done differently (a command slipway chose, already kept alive, no shell).
   */
  async stoppedDuringChecks(): Promise<string | null> {
    if (!this.mayKeepAlive || !this.owned || !(await this.shell)) return null;
    return this.stoppedSinceStart();
  }

  /**
   * When the container stopped after the brief watch and nothing could have kept it alive (slipway was given
   * what runs, or there is no /bin/sh): what the live checks fail with, as when it stops at once; else null.
   */
  async stoppedForGood(): Promise<string | null> {
    if (!this.owned) return null;
    const lacks = await this.cannotKeepAlive();
    const why = lacks ? await this.stoppedSinceStart() : null;
    return why ? `the container stopped: ${why}; ${lacks}` : null;
  }

  /** Why a container that stops cannot be kept alive by its /bin/sh instead; null when it can (or was). */
  private async cannotKeepAlive(): Promise<string | null> {
    if (this.given)
      return `the entrypoint/cmd given for the tests must keep running${this.given.init ? '; /sbin/init (systemd) also needs what --systemd (test.<stage>.systemd: true) sets up: tmpfs on /run and /run/lock and the cgroup hierarchy' : ''}`;
    if (!(await this.shell))
      return 'it has no /bin/sh to keep it alive: give it a command that keeps running (--entrypoint/--cmd, or test.<stage> in slipway.yaml)';
    return null;
  }

  /**
   * Why the container slipway started has stopped, if it stopped at any point since it started; null while it
   * runs (and for a container slipway was given, whose past is its own).
   */
  async stoppedSinceStart(): Promise<string | null> {
    if (!this.owned) return null;
    const state = (await this.container.inspect().catch(() => null))?.State;
    // Stopped once at any point (a later start, by whatever started it again, keeps FinishedAt).
    const finished = Boolean(state?.FinishedAt) && !state?.FinishedAt.startsWith('0001-');
    if (!state || (state.Running && !finished)) return null;
    return this.stopped(state.ExitCode);
  }

  /** Why the container stopped, with the last line it printed. */
  private async stopped(code: number): Promise<string> {
    const tail = await this.logTail();
    return `its command exited with code ${code}${tail.length ? ` (${tail.slice(-1)[0]})` : ''}`;
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
      const argv = this.owned ? ['/bin/sh', '-c', command] : killedAfter(command, timeoutMs);
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

  /** The busybox helper in the target's network and PID namespaces, started when first used. */
  get namespaces(): Namespaces {
    this.helperIn ??= new Namespaces(this.docker, this.container.id, this.helper, this.session);
    return this.helperIn;
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
      shell: (script, args, timeoutMs) =>
        this.namespaces.run(['sh', '-c', script, 'slipway', ...args], timeoutMs),
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
    const helper = this.helperIn?.close();
    if (!this.owned) return helper;
    await Promise.all([helper, this.systemd ? stopSystemd(this.container) : undefined]);
    await this.container.remove({ force: true, v: true }).catch(() => undefined);
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
