/**
 * A running container's filesystem as a process in it sees it: through the Engine API's archive endpoint
 * (its root with what it changed at run time, its volumes and bind mounts), except what the archive cannot
 * read — mounts made inside the container (tmpfs such as /run and /dev, /proc, /sys, anything systemd
 * mounts) — which the namespace helper reads through the target's root as `/proc/1/root`, resolving
 * symlinks in the target's own tree (an absolute link under /proc/1/root would otherwise land in the
 * helper's). A path the archive does not find is asked of the helper too (`/var/run/x` leads into /run).
 */
import { posix } from 'node:path';
import type { Header } from 'tar-stream';
import type { Entry, FsReader } from '../probe/image-fs.js';
import type { ExecResult } from './exec.js';
import { parseMountinfo } from './readings.js';

export interface ContainerFsDeps {
  /** The container's archive view. */
  archive: FsReader;
  /** Runs a busybox shell script in the helper (argv after the script are its arguments). */
  shell(script: string, args: string[], timeoutMs: number): Promise<ExecResult>;
  /** Mount points the archive serves itself: the container's volumes and binds, and Docker's /etc files. */
  archiveMounts: string[];
}

/** Resolves $1 inside the target's root (every component but the last, or all of them with $2=1). */
const RESOLVE = `R=/proc/1/root
resolve() {
  out=""; rest="\${1#/}"; n=0
  while [ -n "$rest" ]; do
    c="\${rest%%/*}"; if [ "$c" = "$rest" ]; then rest=""; else rest="\${rest#*/}"; fi
    case "$c" in ""|.) continue;; ..) out="\${out%/*}"; continue;; esac
    if { [ -n "$rest" ] || [ "$2" = 1 ]; } && [ -L "$R$out/$c" ]; then
      n=$((n+1)); [ $n -gt 40 ] && return 1
      t=$(readlink "$R$out/$c")
      case "$t" in /*) out=""; rest="\${t#/}\${rest:+/$rest}";; *) rest="$t\${rest:+/$rest}";; esac
    else out="$out/$c"; fi
  done
  echo "\${out:-/}"
}`;

/** Prints `MODEHEX UID GID SIZE` then the link target line, or `missing`. */
const STAT = `${RESOLVE}
p=$(resolve "$1" 0) || { echo missing; exit 0; }
if [ -e "$R$p" ] || [ -L "$R$p" ]; then stat -c '%f %u %g %s' "$R$p"; [ -L "$R$p" ] && readlink "$R$p"; true
else echo missing; fi`;

const CAT = `${RESOLVE}
p=$(resolve "$1" 1) || exit 2
[ -f "$R$p" ] || exit 2
cat "$R$p"`;

/** Every entry under $1: `MODEHEX UID GID SIZE PATH` (paths relative to the target's root). */
const LIST = `${RESOLVE}
p=$(resolve "$1" 1) || exit 0
[ -d "$R$p" ] || exit 0
find "$R$p" -exec stat -c '%f %u %g %s %n' {} + | sed "s#$R##"`;

export class ContainerFs implements FsReader {
  private mounts: Promise<string[]> | null = null;

  constructor(private readonly d: ContainerFsDeps) {}

  /** The mount points only the helper can read, longest first. */
  private helperMounts(): Promise<string[]> {
    this.mounts ??= this.d.shell('cat /proc/1/mountinfo', [], 10_000).then((r) =>
      parseMountinfo(r.stdout)
        .map((m) => m.mountpoint)
        .filter((m) => m !== '/' && !this.d.archiveMounts.includes(m))
        .sort((a, b) => b.length - a.length),
    );
    return this.mounts;
  }

  private async underHelperMount(path: string): Promise<boolean> {
    const p = posix.normalize(path);
    return (await this.helperMounts()).some((m) => p === m || p.startsWith(`${m}/`));
  }

  async entry(path: string, withData = false): Promise<Entry | null> {
    if (!(await this.underHelperMount(path))) {
      const e = await this.d.archive.entry(path, withData);
      if (e || !(await this.helperMounts()).length) return e;
    }
    return this.helperEntry(path, withData);
  }

  user(): Promise<string> {
    return this.d.archive.user();
  }

  async readText(path: string): Promise<string | null> {
    return (await this.readBytes(path))?.toString('utf8') ?? null;
  }

  async readBytes(path: string): Promise<Buffer | null> {
    if (!(await this.underHelperMount(path))) {
      const b = await this.d.archive.readBytes(path);
      if (b !== null || !(await this.helperMounts()).length) return b;
    }
    const r = await this.d.shell(CAT, [path], 30_000);
    return r.exitCode === 0 ? (r.raw ?? Buffer.from(r.stdout)) : null;
  }

  async readDir(path: string): Promise<Entry[]> {
    if (!(await this.underHelperMount(path))) return this.d.archive.readDir(path);
    const r = await this.d.shell(LIST, [path], 30_000);
    return r.stdout
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        const m = /^([0-9a-f]+) (\d+) (\d+) (\d+) (.*)$/.exec(line);
        return m
          ? [{ ...statEntry(m[5] as string, m.slice(1, 5) as string[]), linkname: null, data: null }]
          : [];
      });
  }

  private async helperEntry(path: string, withData: boolean): Promise<Entry | null> {
    const r = await this.d.shell(STAT, [path], 10_000);
    const [line, link] = r.stdout.split('\n');
    const m = /^([0-9a-f]+) (\d+) (\d+) (\d+)$/.exec(line?.trim() ?? '');
    if (!m) return null;
    const e = statEntry(path, m.slice(1) as string[]);
    const data = withData && e.type === 'file' ? await this.readBytes(path) : null;
    return { ...e, linkname: e.type === 'symlink' ? (link ?? '') : null, data };
  }
}

/** An entry from stat's raw mode (`%f`, hex), owner and size, typed as a tar header would be. */
function statEntry(path: string, [mode, uid, gid, size]: string[]): Omit<Entry, 'linkname' | 'data'> {
  const raw = Number.parseInt(mode as string, 16);
  return {
    path,
    type: tarType(raw & 0o170000),
    mode: raw,
    uid: Number(uid),
    gid: Number(gid),
    size: Number(size),
  };
}

/** S_IFMT bits as a tar entry type; a socket has none (FsObserver tells it apart by the mode bits). */
function tarType(fmt: number): Header['type'] {
  if (fmt === 0o120000) return 'symlink';
  if (fmt === 0o060000) return 'block-device';
  if (fmt === 0o040000) return 'directory';
  if (fmt === 0o020000) return 'character-device';
  if (fmt === 0o010000) return 'fifo';
  return 'file';
}
