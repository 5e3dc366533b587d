/** /etc/passwd and /etc/group, parsed (pure). */
import { posix } from 'node:path';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

const rows = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(':'));

export function parsePasswd(text: string): PasswdEntry[] {
  return rows(text)
    .filter((f) => f.length >= 7)
    .map((f) => ({
      name: f[0] as string,
      uid: Number(f[2]),
      gid: Number(f[3]),
      home: f[5] as string,
      shell: f[6] as string,
    }));
}

export function parseGroup(text: string): GroupEntry[] {
  return rows(text)
    .filter((f) => f.length >= 3)
    .map((f) => ({
      name: f[0] as string,
      gid: Number(f[2]),
      members: (f[3] ?? '').split(',').filter(Boolean),
    }));
}

/**
 * A user's groups as goss lists them: every group with the user's primary gid and every group naming the user
 * as a member, once each, sorted by name.
 */
export function groupsOf(user: PasswdEntry, groups: readonly GroupEntry[]): string[] {
  const mine = groups.filter((g) => g.gid === user.gid || g.members.includes(user.name)).map((g) => g.name);
  return [...new Set(mine)].sort();
}

/**
 * goss's `~` in a file path (system/file.go `realPath`): the first path component `~name` becomes that user's
 * home as the image's /etc/passwd gives it, with or without a path after it (`~root`, `~app/.npmrc`); a bare
 * `~` is the user goss runs as — the image's USER (a name or uid, `uid:gid` allowed), root when unset. The
 * result is cleaned as Go's filepath.Abs cleans it. Errors are worded as Go's os/user words them.
 */
export function expandHome(
  path: string,
  users: readonly PasswdEntry[],
  imageUser = '',
): { path: string } | { error: string } {
  if (!path.startsWith('~')) return { path };
  const [first = '', ...rest] = path.split('/');
  let home: string | undefined;
  if (first === '~') {
    const who = imageUser.split(':')[0] || '0';
    const u = /^\d+$/.test(who)
      ? users.find((x) => String(x.uid) === who)
      : users.find((x) => x.name === who);
    if (!u) return { error: 'user: Current requires cgo or $USER set in environment' };
    home = u.home;
  } else {
    const name = first.slice(1);
    home = users.find((x) => x.name === name)?.home;
    if (home === undefined) return { error: `user: unknown user ${name}` };
  }
  return { path: posix.resolve('/', [home, ...rest].join('/')) };
}
