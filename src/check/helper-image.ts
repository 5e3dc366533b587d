import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { EnvironmentError } from '../core/errors.js';
import { buildStage } from '../engine/build.js';
import type { BuildClient } from '../engine/client.js';

const CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];

/**
 * The helper that looks into a target's namespaces (processes, sockets, HTTP) without touching its
 * filesystem: FROM scratch + Debian's static busybox, built locally (never pulled), tagged by the binary's hash.
 */
export async function helperImage(
  docker: Docker,
  client: BuildClient | (() => Promise<BuildClient>),
): Promise<string> {
  const busybox = CANDIDATES.find((p) => existsSync(p) && isStatic(p));
  if (!busybox) {
    throw new EnvironmentError(
      'a static busybox is needed to look into running containers and none was found',
      "install Debian's busybox-static (apt-get install busybox-static)",
    );
  }
  const tag = `slipway-helper:${createHash('sha256').update(readFileSync(busybox)).digest('hex').slice(0, 12)}`;
  try {
    await docker.getImage(tag).inspect();
    return tag;
  } catch {
    /* not built yet */
  }
  const dir = mkdtempSync(join(tmpdir(), 'slipway-helper-'));
  try {
    copyFileSync(busybox, join(dir, 'busybox'));
    writeFileSync(
      join(dir, 'Dockerfile'),
      'FROM scratch AS helper\nCOPY busybox /bin/busybox\nENTRYPOINT ["/bin/busybox"]\n',
    );
    const out = await buildStage({
      client: typeof client === 'function' ? await client() : client,
      dockerfile: join(dir, 'Dockerfile'),
      context: dir,
      target: 'helper',
      tags: [tag],
      labels: { 'dev.slipway.helper': 'busybox' },
      buildArgs: {},
      secrets: [],
    });
    if (!out.ok)
      throw new EnvironmentError(
        `building the helper image failed: ${out.failure?.message ?? 'unknown error'}`,
      );
    return tag;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A dynamically linked busybox cannot run FROM scratch: look for an ELF interpreter (PT_INTERP) header. */
function isStatic(path: string): boolean {
  const b = readFileSync(path);
  if (b.length < 64 || b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2) return false;
  const phoff = Number(b.readBigUInt64LE(32));
  const phentsize = b.readUInt16LE(54);
  const phnum = b.readUInt16LE(56);
  for (let i = 0; i < phnum; i++) if (b.readUInt32LE(phoff + i * phentsize) === 3) return false;
  return true;
}
