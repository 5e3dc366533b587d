import { describe, expect, it } from 'vitest';
import type { ImageFs } from '../../../src/probe/image-fs.js';
import { FsObserver } from '../../../src/probe/observe-fs.js';

/** A filesystem of a few text files, standing in for an image (pure logic: which database goss would ask). */
function fsOf(files: Record<string, string>): ImageFs {
  const entry = (path: string) =>
    path in files
      ? {
          path,
          type: 'file',
          mode: 0o644,
          uid: 0,
          gid: 0,
          size: 0,
          linkname: null,
          data: Buffer.from(files[path] as string),
        }
      : null;
  return {
    entry: async (p: string) => entry(p),
    readText: async (p: string) => files[p] ?? null,
    readBytes: async (p: string) => (p in files ? Buffer.from(files[p] as string) : null),
    readDir: async () => [],
  } as unknown as ImageFs;
}

const DPKG = [
  'Package: tini\nStatus: install ok installed\nVersion: 0.19.0-1+b3',
  'Package: curl\nStatus: hold ok installed\nVersion: 7.88.1-10',
  'Package: vim\nStatus: deinstall ok config-files\nVersion: 2:9.0',
].join('\n\n');

describe('the package manager goss would ask', () => {
  it('Debian (by /etc/debian_version): dpkg status, held packages count, removed ones do not; apk is not asked', async () => {
    const obs = new FsObserver(
      fsOf({
        '/etc/debian_version': '12.8\n',
        '/var/lib/dpkg/status': DPKG,
        '/lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\n',
      }),
    );
    expect(await obs.package('tini')).toEqual({ name: 'tini', installed: true, versions: ['0.19.0-1+b3'] });
    expect(await obs.package('curl')).toMatchObject({ installed: true, versions: ['7.88.1-10'] });
    expect(await obs.package('vim')).toMatchObject({ installed: false });
    expect(await obs.package('musl')).toMatchObject({ installed: false });
  });

  it('Alpine (by /etc/alpine-release): apk installed database', async () => {
    const obs = new FsObserver(
      fsOf({
        '/etc/alpine-release': '3.20.0\n',
        '/lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\n\nP:busybox\nV:1.36.1-r29\n',
      }),
    );
    expect(await obs.package('busybox')).toEqual({
      name: 'busybox',
      installed: true,
      versions: ['1.36.1-r29'],
    });
    expect(await obs.package('tini')).toMatchObject({ installed: false });
  });

  it('no manager, or rpm: an error for the property rather than a guess', async () => {
    expect((await new FsObserver(fsOf({})).package('x')).error).toMatch(/no package manager found/);
    expect((await new FsObserver(fsOf({ '/etc/redhat-release': 'Fedora\n' })).package('x')).error).toMatch(
      /rpm/,
    );
  });
});
