/** Installed packages from a package database read off the image (pure): dpkg's status, apk's installed. */
export type PackageDb = Map<string, string[]>;

/** dpkg `status` (and distroless `status.d/*` files): stanzas whose Status is `install ok installed`. */
export function parseDpkgStatus(text: string, into: PackageDb = new Map()): PackageDb {
  for (const stanza of text.split(/\n\s*\n/)) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(stanza)?.[1]?.trim();
    const pkg = field('Package');
    const status = field('Status');
    const version = field('Version');
    // dpkg-query's installed states (as goss reads them): wanted install or hold, ok, installed. distroless
    // `status.d` stanzas carry no Status field: present means installed.
    const installed = status === undefined || /^(install|hold) ok installed$/.test(status);
    if (!pkg || !version || !installed) continue;
    into.set(pkg, [...(into.get(pkg) ?? []), version]);
  }
  return into;
}

/** apk's `installed` database: `P:` name and `V:` version lines per package. */
export function parseApkInstalled(text: string, into: PackageDb = new Map()): PackageDb {
  for (const block of text.split(/\n\s*\n/)) {
    const name = /^P:(.*)$/m.exec(block)?.[1]?.trim();
    const version = /^V:(.*)$/m.exec(block)?.[1]?.trim();
    if (name && version) into.set(name, [...(into.get(name) ?? []), version]);
  }
  return into;
}
