import type { GroupEntry, PasswdEntry } from './accounts.js';
import { groupsOf, parseGroup, parsePasswd } from './accounts.js';
import type { Entry, ImageFs } from './image-fs.js';
import type {
  FileObservation,
  FileType,
  GroupObservation,
  PackageObservation,
  UserObservation,
} from './model.js';
import { type PackageDb, parseApkInstalled, parseDpkgStatus } from './packages.js';

/**
 * Observations judged from an image's filesystem alone (file, user, group, package): read once per image and
 * cached, so a hundred assertions cost a handful of archive reads.
 */
export class FsObserver {
  private accounts: Promise<{ users: PasswdEntry[]; groups: GroupEntry[] }> | null = null;
  private packages: Promise<PackageDb> | null = null;

  constructor(private readonly fs: ImageFs) {}

  async file(path: string): Promise<FileObservation> {
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
    const { users, groups } = await this.loadAccounts();
    return {
      path,
      exists: true,
      mode: (e.mode & 0o7777).toString(8).padStart(4, '0'),
      size: e.size,
      uid: e.uid,
      gid: e.gid,
      owner: users.find((u) => u.uid === e.uid)?.name ?? String(e.uid),
      group: groups.find((g) => g.gid === e.gid)?.name ?? String(e.gid),
      filetype: fileType(e),
      linkedTo: e.type === 'symlink' ? e.linkname : null,
    };
  }

  /** A regular file's contents (symlinks followed), for `contents`, `md5`, `sha256`, `sha512`. */
  contents(path: string): Promise<string | null> {
    return this.fs.readText(path);
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
    const db = await this.loadPackages();
    const versions = db.get(name) ?? [];
    return { name, installed: versions.length > 0, versions };
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

  private loadPackages() {
    this.packages ??= (async () => {
      const db: PackageDb = new Map();
      const dpkg = await this.fs.readText('/var/lib/dpkg/status');
      if (dpkg) parseDpkgStatus(dpkg, db);
      for (const e of await this.fs.readDir('/var/lib/dpkg/status.d'))
        if (e.data) parseDpkgStatus(e.data.toString('utf8'), db);
      const apk = await this.fs.readText('/lib/apk/db/installed');
      if (apk) parseApkInstalled(apk, db);
      return db;
    })();
    return this.packages;
  }
}

function fileType(e: Entry): FileType {
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
