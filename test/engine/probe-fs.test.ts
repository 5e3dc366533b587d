import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverBuildClient } from '../../src/engine/client.js';
import { dockerBuild } from '../../src/engine/docker-build.js';
import { newSessionId } from '../../src/engine/session.js';
import { ImageFs } from '../../src/probe/image-fs.js';
import { FsObserver } from '../../src/probe/observe-fs.js';
import { leftovers } from '../helpers/engine.js';
import { BUSYBOX } from '../helpers/fixture-repo.js';

/** The filesystem probe against a shell-less image (FROM scratch; busybox only to prepare it, then removed). */
describe('FsObserver: file, user, group and package from an image, without running it', () => {
  const docker = new Docker();
  const tag = `slipway-test-probe:${process.pid}`;
  let dir: string;
  let fs: ImageFs;
  let obs: FsObserver;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-probe-'));
    const files: Record<string, string> = {
      'rootfs/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/app:/usr/sbin/nologin\n',
      'rootfs/etc/group': 'root:x:0:\napp:x:10001:\nstaff:x:50:app\n',
      'rootfs/var/lib/dpkg/status': 'Package: tini\nStatus: install ok installed\nVersion: 0.19.0-1+b3\n',
      'rootfs/etc/debian_version': '12.8\n',
      // An apk database on a Debian system: goss asks the system's own manager (dpkg) only.
      'rootfs/lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\n',
      'rootfs/app/config.txt': 'port=3000\nmode=production\n',
    };
    for (const [f, t] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), t);
    }
    copyFileSync(BUSYBOX, join(dir, 'busybox'));
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        'FROM scratch AS prep',
        'COPY busybox /bin/busybox',
        'COPY rootfs/ /rootfs/',
        'RUN ["/bin/busybox", "sh", "-c", "cd /rootfs && /bin/busybox chown -R 10001:10001 app && /bin/busybox chmod 0640 app/config.txt && /bin/busybox chmod 4755 app && /bin/busybox ln -s config.txt app/current"]',
        'FROM scratch AS probe',
        'COPY --from=prep /rootfs/ /',
        '',
      ].join('\n'),
    );
    const client = await discoverBuildClient();
    const out = await dockerBuild({
      client,
      dockerfile: join(dir, 'Dockerfile'),
      context: dir,
      target: 'probe',
      tags: [tag],
      labels: {},
      buildArgs: {},
      secrets: [],
    });
    if (!out.ok) throw new Error(JSON.stringify(out.failure));
    fs = await ImageFs.open(docker, tag, newSessionId());
    obs = new FsObserver(fs);
  });
  afterAll(async () => {
    await fs?.close();
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('observes files: mode, owner and group by name, type, size, symlink target; absence', async () => {
    expect(await obs.file('/app/config.txt')).toEqual({
      path: '/app/config.txt',
      exists: true,
      mode: '0640',
      size: 26,
      owner: 'app',
      group: 'app',
      uid: 10001,
      gid: 10001,
      filetype: 'file',
      linkedTo: null,
    });
    expect(await obs.file('/app')).toMatchObject({ filetype: 'directory', mode: '4755', owner: 'app' });
    expect(await obs.file('/app/current')).toMatchObject({ filetype: 'symlink', linkedTo: 'config.txt' });
    expect(await obs.file('/etc/shadow')).toMatchObject({ exists: false, mode: null });
    expect((await obs.contents('/app/current'))?.toString('utf8')).toBe('port=3000\nmode=production\n');
  });

  it('observes users, groups and packages (the dpkg database of a Debian system)', async () => {
    expect(await obs.user('app')).toEqual({
      username: 'app',
      exists: true,
      uid: 10001,
      gid: 10001,
      groups: ['app', 'staff'],
      home: '/app',
      shell: '/usr/sbin/nologin',
    });
    expect(await obs.user('nobody')).toMatchObject({ exists: false });
    expect(await obs.group('staff')).toEqual({ groupname: 'staff', exists: true, gid: 50 });
    expect(await obs.package('tini')).toEqual({ name: 'tini', installed: true, versions: ['0.19.0-1+b3'] });
    expect(await obs.package('musl')).toMatchObject({ installed: false });
    expect(await obs.package('gcc-12')).toEqual({ name: 'gcc-12', installed: false, versions: [] });
  });

  it('leaves nothing behind once closed', async () => {
    const before = new Set(await leftovers());
    const probeFs = await ImageFs.open(docker, tag, newSessionId());
    await probeFs.entry('/etc/passwd'); // its reader containers are in use
    expect((await leftovers()).filter((x) => !before.has(x)).length).toBeGreaterThan(0);
    await probeFs.close();
    // Only what was there before (the shared observer of this file, closed in afterAll) remains.
    expect(new Set(await leftovers())).toEqual(before);
  });
});
