import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { scanImageArchive } from '../../helpers/image-layers.js';

/** A tar archive of the given files, as a Buffer. */
async function tar(
  files: Record<string, string | Buffer>,
  links: Record<string, string> = {},
): Promise<Buffer> {
  const p = pack();
  for (const [name, body] of Object.entries(files)) p.entry({ name }, body);
  for (const [name, linkname] of Object.entries(links)) p.entry({ name, type: 'symlink', linkname });
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const NEEDLE = 'MARKER-4f1b';

describe('the secret scan reads docker save archives in both layouts', () => {
  it('legacy layout: <id>/layer.tar, every listed layer scanned', async () => {
    const clean = await tar({ 'etc/hostname': 'box\n' });
    const empty = await tar({});
    const leaky = await tar({ 'root/.npmrc': 'x', 'usr/share/ca.pem': `-----${NEEDLE}-----` });
    const archive = await tar(
      {
        'aaa/layer.tar': clean,
        'bbb/layer.tar': leaky,
        'ccc/layer.tar': empty,
        'manifest.json': JSON.stringify([
          { Config: 'c.json', Layers: ['aaa/layer.tar', 'bbb/layer.tar', 'ccc/layer.tar'] },
          // A second image sharing a layer: docker save links it to the one written.
          { Config: 'd.json', Layers: ['aaa/layer.tar', 'ddd/layer.tar'] },
        ]),
      },
      { 'ddd/layer.tar': '../bbb/layer.tar' },
    );
    const r = await scanImageArchive(Readable.from(archive), NEEDLE);
    expect(r).toEqual({
      found: expect.arrayContaining([
        'bbb/layer.tar: root/.npmrc',
        'bbb/layer.tar: usr/share/ca.pem contains the marker',
      ]),
      scanned: 4,
      listed: 4,
    });
  });

  it('OCI layout: blobs/sha256/*, plain and gzipped layers beside a config blob', async () => {
    const plain = await tar({ 'app/main.js': 'console.log(1)\n' });
    const gz = gzipSync(await tar({ 'run/secrets/ca': `${NEEDLE}` }));
    const archive = await tar({
      'blobs/sha256/1111': plain,
      'blobs/sha256/2222': gz,
      'blobs/sha256/3333': JSON.stringify({ config: { Env: [`X=${NEEDLE}`] } }),
      'index.json': '{}',
      'manifest.json': JSON.stringify([
        { Config: 'blobs/sha256/3333', Layers: ['blobs/sha256/1111', 'blobs/sha256/2222'] },
      ]),
    });
    const r = await scanImageArchive(Readable.from(archive), NEEDLE);
    expect(r.scanned).toBe(2);
    expect(r.listed).toBe(2);
    expect(r.found).toEqual(
      expect.arrayContaining([
        'blobs/sha256/2222: run/secrets/ca',
        'blobs/sha256/2222: run/secrets/ca contains the marker',
        'blobs/sha256/3333 contains the marker',
      ]),
    );
  });

  it('an archive with no layer it could read says so (scanned 0), so the hygiene test cannot pass vacuously', async () => {
    const archive = await tar({
      'weird/layer.bin': 'not a layer',
      'manifest.json': JSON.stringify([{ Layers: ['weird/layer.bin'] }]),
    });
    expect(await scanImageArchive(Readable.from(archive), NEEDLE)).toEqual({
      found: [],
      scanned: 0,
      listed: 1,
    });
  });
});
