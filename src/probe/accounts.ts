/** /etc/passwd and /etc/group, parsed (pure). */
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
