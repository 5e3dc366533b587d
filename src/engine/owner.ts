import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * The process that owns engine resources: its host, pid and start time. Pids are reused, so a pid alone
 * cannot say that its process is gone; with the start time it can.
 */
export interface Owner {
  host: string;
  pid: number;
  /** Start time as the OS reports it (Linux: clock ticks since boot), '' when unknown. */
  start: string;
}

let self: Owner | null = null;

export function thisProcess(): Owner {
  self ??= { host: hostname(), pid: process.pid, start: processStart(process.pid) ?? '' };
  return self;
}

/** A process's start time, or null when no such process (or it cannot be read). */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    /* not Linux, or no such process */
  }
  if (process.platform === 'linux') return null;
  try {
    return (
      execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: 'pipe' }).trim() ||
      null
    );
  } catch {
    return null;
  }
}

/**
 * The owner from its label (`host/pid/start`); sessions made before the label existed have only a session
 * id `pid-random`, owned by that pid on this host.
 */
export function parseOwner(label: string | undefined, session: string | undefined): Owner | null {
  const m = label ? /^(.+)\/(\d+)\/(.*)$/.exec(label) : null;
  if (m) return { host: m[1] as string, pid: Number(m[2]), start: m[3] as string };
  const legacy = session ? /^(\d+)-[0-9a-f]+$/.exec(session) : null;
  return legacy ? { host: thisProcess().host, pid: Number(legacy[1]), start: '' } : null;
}

/** true/false on this host; null for another host's process (cannot be told from here: left alone). */
export function ownerAlive(o: Owner, probe: (pid: number) => string | null = processStart): boolean | null {
  if (o.host !== thisProcess().host) return null;
  if (o.pid === process.pid) return o.start === '' || o.start === thisProcess().start;
  const start = probe(o.pid);
  if (start === null) return pidExists(o.pid);
  return o.start === '' || start === o.start;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
