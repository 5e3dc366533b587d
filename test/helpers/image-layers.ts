import { posix } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';

export interface LayerScan {
  /** Files that are secrets: the needle in their bytes, `.npmrc`, something under run/secrets. */
  found: string[];
  /** Layer archives read, file by file. */
  scanned: number;
  /** Layers the archive's manifest.json lists (distinct): every one must have been scanned. */
  listed: number;
}

/**
 * Scans an image archive as `docker save` writes it, in either layout: the legacy one (`<id>/layer.tar`)
 * and the OCI one newer engines write (`blobs/sha256/<digest>`, layers uncompressed or gzipped, beside
 * config and manifest blobs). Every blob is looked at: a tar is read file by file, a gzip unpacked first,
 * anything else (a config) searched as it is.
 */
export async function scanImageArchive(archive: Readable, needle: string): Promise<LayerScan> {
  const found = new Set<string>();
  const scannedLayers = new Set<string>();
  let manifest = '';
  const links = new Map<string, string>();
  const outer = extract();
  const searchBytes = (where: string) => {
    let tail = '';
    return (c: unknown) => {
      const text = tail + (c as Buffer).toString('latin1');
      if (text.includes(needle)) found.add(`${where} contains the marker`);
      tail = text.slice(-needle.length);
    };
  };
  const scanTar = (layer: string, input: Readable, done: () => void) => {
    const inner = extract();
    inner.on('entry', (h: Header, s, next) => {
      // BuildKit leaves the empty mount point `run/secrets/` in a layer: only something inside it is a leak.
      if (/(^|\/)\.npmrc$|^run\/secrets\/./.test(h.name)) found.add(`${layer}: ${h.name}`);
      s.on('data', searchBytes(`${layer}: ${h.name}`));
      s.on('end', next);
    });
    inner.on('finish', () => {
      scannedLayers.add(layer);
      done();
    });
    inner.on('error', (e) => outer.destroy(e));
    input.pipe(inner);
  };
  outer.on('entry', (h, s, next) => {
    if (h.name === 'manifest.json') {
      s.on('data', (c: unknown) => (manifest += (c as Buffer).toString('utf8')));
      s.on('end', next);
      return;
    }
    // docker save writes a layer that two images share once, and a symlink to it for the other.
    if (h.type === 'symlink' && h.linkname && h.name.endsWith('layer.tar'))
      links.set(h.name, posix.normalize(posix.join(posix.dirname(h.name), h.linkname)));
    if (h.type !== 'file' || !(h.name.endsWith('layer.tar') || h.name.startsWith('blobs/'))) {
      s.on('end', next);
      s.resume();
      return;
    }
    // Peek at the first block to tell a tar (ustar magic at 257, or an empty one), a gzip (1f 8b) and anything else apart;
    // then the blob, from its first byte, flows on into what reads it (with backpressure).
    const body = new PassThrough();
    let head = Buffer.alloc(0);
    let decided = false;
    const decide = () => {
      decided = true;
      // An empty layer (WORKDIR, a RUN that changed nothing) is a tar of zero blocks only.
      const emptyTar = head.length >= 512 && head.subarray(0, 512).every((b) => b === 0);
      if ((head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') || emptyTar)
        scanTar(h.name, body, next);
      else if (head[0] === 0x1f && head[1] === 0x8b) scanTar(h.name, body.pipe(createGunzip()), next);
      else {
        body.on('data', searchBytes(h.name));
        body.on('end', next);
      }
      body.write(head);
    };
    s.on('data', (chunk: unknown) => {
      const c = chunk as Buffer;
      if (!decided) {
        head = Buffer.concat([head, c]);
        if (head.length >= 512) decide();
        return;
      }
      if (!body.write(c)) {
        s.pause();
        body.once('drain', () => s.resume());
      }
    });
    s.on('end', () => {
      if (!decided) decide();
      body.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    outer.on('finish', resolve);
    outer.on('error', reject);
    archive.on('error', reject);
    archive.pipe(outer);
  });
  const listed = new Set(
    ((manifest ? JSON.parse(manifest) : []) as { Layers?: string[] }[]).flatMap((m) => m.Layers ?? []),
  );
  return {
    found: [...found],
    scanned: [...listed].filter((l) => scannedLayers.has(l) || scannedLayers.has(links.get(l) ?? '')).length,
    listed: listed.size,
  };
}
