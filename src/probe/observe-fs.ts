import { posix } from 'node:path';
import type { GroupEntry, PasswdEntry } from './accounts.js';
import { expandHome, groupsOf, parseGroup, parsePasswd } from './accounts.js';
import type { Entry, FsReader } from './image-fs.js';
import type {
  FileObservation,
  FileType,
  GroupObservation,
  PackageObservation,
  UserObservation,
} from './observed.js';
import { type PackageDb, parseApkInstalled, parseDpkgStatus } from './packages.js';

/**
 * Observations judged from an image's filesystem alone (file, user, group, package): read once per image and
 * cached, so a hundred assertions cost a handful of archive reads.
 */
export class FsObserver {
  private accounts: Promise<{ users: PasswdEntry[]; groups: GroupEntry[] }> | null = null;
  private packages: Promise<{ db: PackageDb; error?: string }> | null = null;

  constructor(private readonly fs: FsReader) {}

  /** `names`: also the owner's and group's names (reads /etc/passwd and /etc/group once). */
  async file(path: string, names = true): Promise<FileObservation> {
    const e = await this.fs.entry(path);
    if (!e)
      return {
        path,
        exists: false,
        mode: null,
        size: null,
        owner: null,
        group: null,
        uid: null,
        gid: null,
        filetype: null,
        linkedTo: null,
      };
    const { users, groups } = names ? await this.loadAccounts() : { users: [], groups: [] };
    return {
      path,
      exists: true,
      mode: (e.mode & 0o7777).toString(8).padStart(4, '0'),
      // lstat's size: a symlink's is its target's length; a directory's is its filesystem's block (tar
      // records 0; 4096 is what ext4 and overlayfs report for all but very large directories).
      size:
        e.type === 'symlink' ? Buffer.byteLength(e.linkname ?? '') : e.type === 'directory' ? 4096 : e.size,
      uid: e.uid,
      gid: e.gid,
      // No name for the id: goss's lookup fails too (the property then fails with this error).
      owner: users.find((u) => u.uid === e.uid)?.name ?? { error: `user: unknown userid ${e.uid}` },
      group: groups.find((g) => g.gid === e.gid)?.name ?? { error: `group: unknown groupid ${e.gid}` },
      filetype: fileType(e),
      linkedTo: e.type === 'symlink' ? e.linkname : null,
    };
  }

  /** A file resource's path with goss's `~user` expansion (from the image's /etc/passwd), or why it fails. */
  async expandPath(path: string): Promise<{ path: string } | { error: string }> {
    if (!path.startsWith('~')) return { path };
    const [{ users }, user] = await Promise.all([
      this.loadAccounts(),
      path === '~' || path.startsWith('~/') ? this.fs.user() : Promise.resolve(''),
    ]);
    return expandHome(path, users, user);
  }

  /** A regular file's bytes (symlinks followed), for `contents`, `md5`, `sha256`, `sha512`. */
  contents(path: string): Promise<Buffer | null> {
    return this.fs.readBytes(path);
  }

  async user(username: string): Promise<UserObservation> {
    const { users, groups } = await this.loadAccounts();
    const u = users.find((x) => x.name === username);
    if (!u) return { username, exists: false, uid: null, gid: null, groups: [], home: null, shell: null };
    return {
      username,
      exists: true,
      uid: u.uid,
      gid: u.gid,
      groups: groupsOf(u, groups),
      home: u.home,
      shell: u.shell,
    };
  }

  async group(groupname: string): Promise<GroupObservation> {
    const { groups } = await this.loadAccounts();
    const g = groups.find((x) => x.name === groupname);
    return { groupname, exists: Boolean(g), gid: g?.gid ?? null };
  }

  async package(name: string): Promise<PackageObservation> {
    const { db, error } = await this.loadPackages();
    if (error) return { name, installed: false, versions: [], error };
    const versions = db.get(name) ?? [];
    return { name, installed: versions.length > 0, versions };
  }

  /** The entry at a path with symlinks followed (within the filesystem), or null. */
  async stat(path: string, depth = 0): Promise<Entry | null> {
    const e = await this.fs.entry(path);
    if (e?.type === 'symlink' && e.linkname && depth < 8)
      return this.stat(posix.resolve(posix.dirname(path), e.linkname), depth + 1);
    return e;
  }

  readText(path: string): Promise<string | null> {
    return this.fs.readText(path);
  }

  /** Every entry under a directory (a symlinked directory followed, as a glob does); [] when absent. */
  async list(dir: string): Promise<Entry[]> {
    const self = await this.fs.entry(dir);
    if (self?.type === 'symlink' && self.linkname)
      return this.list(posix.resolve(posix.dirname(dir), self.linkname));
    return this.fs.readDir(dir);
  }

  private loadAccounts() {
    this.accounts ??= Promise.all([this.fs.readText('/etc/passwd'), this.fs.readText('/etc/group')]).then(
      ([p, g]) => ({
        users: parsePasswd(p ?? ''),
        groups: parseGroup(g ?? ''),
      }),
    );
    return this.accounts;
  }

  /**
   * The package manager goss would pick, by the release file it looks for, and its database. goss asks
   * dpkg-query / apk / rpm; the same answers come from their databases on the filesystem.
   */
  private loadPackages() {
    this.packages ??= (async () => {
      const db: PackageDb = new Map();
      const has = async (p: string) => (await this.fs.entry(p)) !== null;
      if (await has('/etc/debian_version')) {
        const [dpkg, distroless] = await Promise.all([
          this.fs.readText('/var/lib/dpkg/status'),
          this.fs.readDir('/var/lib/dpkg/status.d'),
        ]);
        if (dpkg) parseDpkgStatus(dpkg, db);
        for (const e of distroless) if (e.data) parseDpkgStatus(e.data.toString('utf8'), db);
        return { db };
      }
      if (await has('/etc/alpine-release')) {
        const apk = await this.fs.readText('/lib/apk/db/installed');
        if (apk) parseApkInstalled(apk, db);
        return { db };
      }
      if ((await has('/etc/redhat-release')) || (await has('/etc/system-release')))
        return { db, error: 'package: rpm databases are not read by slipway (dpkg and apk are)' };
      return {
        db,
        error:
          'package: no package manager found (no /etc/debian_version, /etc/alpine-release or /etc/redhat-release)',
      };
    })();
    return this.packages;
  }
}

function fileType(e: Entry): FileType {
  // A socket has no tar type: read from a running container, its mode carries the file type bits.
  if ((e.mode & 0o170000) === 0o140000) return 'socket';
  switch (e.type) {
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'character-device':
      return 'character-device';
    case 'block-device':
      return 'block-device';
    case 'fifo':
      return 'pipe';
    default:
      return 'file';
  }
}
