import { describe, expect, it } from 'vitest';
import { expandHome, groupsOf, parseGroup, parsePasswd } from '../../../src/probe/accounts.js';
import { parseApkInstalled, parseDpkgStatus } from '../../../src/probe/packages.js';

describe('account databases', () => {
  const users = parsePasswd(
    'root:x:0:0:root:/root:/bin/bash\n# comment\napp:x:10001:10001::/app:/usr/sbin/nologin\nbad line\n',
  );
  const groups = parseGroup('root:x:0:\napp:x:10001:\ndocker:x:999:app,root\n');

  it('parses passwd and group, skipping comments and malformed lines', () => {
    expect(users).toEqual([
      { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' },
      { name: 'app', uid: 10001, gid: 10001, home: '/app', shell: '/usr/sbin/nologin' },
    ]);
    expect(groups.map((g) => [g.name, g.gid, g.members])).toEqual([
      ['root', 0, []],
      ['app', 10001, []],
      ['docker', 999, ['app', 'root']],
    ]);
  });

  it('lists a user’s groups primary first, as id -Gn does', () => {
    expect(groupsOf(users[1] as (typeof users)[number], groups)).toEqual(['app', 'docker']);
  });

  it("expands goss's ~user in a file path from passwd: bare, with a path, the image's USER for ~", () => {
    expect(expandHome('~root', users)).toEqual({ path: '/root' });
    expect(expandHome('~root/', users)).toEqual({ path: '/root' });
    expect(expandHome('~app/.npmrc', users)).toEqual({ path: '/app/.npmrc' });
    expect(expandHome('~app/../etc/passwd', users)).toEqual({ path: '/etc/passwd' });
    expect(expandHome('~nobody/x', users)).toEqual({ error: 'user: unknown user nobody' });
    expect(expandHome('~', users)).toEqual({ path: '/root' });
    expect(expandHome('~/.profile', users, 'app')).toEqual({ path: '/app/.profile' });
    expect(expandHome('~/.profile', users, '10001:10001')).toEqual({ path: '/app/.profile' });
    expect(expandHome('~', users, '4242')).toMatchObject({ error: expect.stringMatching(/^user: /) });
    expect(expandHome('/etc/~root', users)).toEqual({ path: '/etc/~root' });
  });
});

describe('package databases', () => {
  it('dpkg status: only "install ok installed" stanzas; distroless status.d stanzas have no Status', () => {
    const db = parseDpkgStatus(
      'Package: tini\nStatus: install ok installed\nVersion: 0.19.0-1+b3\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1.0\n\nPackage: half\nStatus: install ok unpacked\nVersion: 2.0\n',
    );
    parseDpkgStatus('Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n', db);
    expect(Object.fromEntries(db)).toEqual({ tini: ['0.19.0-1+b3'], 'base-files': ['12.4+deb12u5'] });
  });

  it('apk installed: P: and V: per package', () => {
    expect(
      Object.fromEntries(
        parseApkInstalled('C:Q1abc\nP:musl\nV:1.2.5-r0\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\n'),
      ),
    ).toEqual({
      musl: ['1.2.5-r0'],
      busybox: ['1.36.1-r29'],
    });
  });
});
