import Docker from 'dockerode';
import { demuxLogs } from '../../src/engine/logs.js';

export const docker = new Docker();

/** Runs a command in a throw-away container of `image` (as the image's user unless given), removed after. */
export async function exec(
  image: string,
  cmd: string[],
  opts: { user?: string; entrypoint?: string[] } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const c = await docker.createContainer({
    Image: image,
    Cmd: cmd,
    Entrypoint: opts.entrypoint ?? [],
    ...(opts.user ? { User: opts.user } : {}),
    Labels: { 'dev.slipway.managed': 'true' },
    NetworkDisabled: true,
  });
  try {
    await c.start();
    const { StatusCode } = (await c.wait()) as { StatusCode: number };
    const logs = demuxLogs((await c.logs({ stdout: true, stderr: true })) as unknown as Buffer);
    return { code: StatusCode, ...logs };
  } finally {
    await c.remove({ force: true, v: true });
  }
}

export async function leftovers(): Promise<string[]> {
  const filters = JSON.stringify({ label: ['dev.slipway.managed=true'] });
  return [
    ...(await docker.listContainers({ all: true, filters })).map((c) => `container ${c.Id.slice(0, 12)}`),
    ...((await docker.listVolumes({ filters })).Volumes ?? []).map((v) => `volume ${v.Name}`),
    ...(await docker.listNetworks({ filters })).map((n) => `network ${n.Name}`),
  ];
}

/**
 * Removes every image slipway built for `image` (current tags and the dangling ones rebuilds left behind),
 * and untags `image:*` where a stage was reused from an image another project built with the same
 * fingerprint (its title names that project, and its other tags stay).
 */
export async function removeImagesOf(image: string): Promise<void> {
  const list = await docker.listImages({
    all: true,
    filters: JSON.stringify({ label: ['dev.slipway.stage'] }),
  });
  const mine = list.filter((i) => i.Labels?.['org.opencontainers.image.title']?.startsWith(`${image} (`));
  for (const i of mine)
    await docker
      .getImage(i.Id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const i of list)
    for (const tag of i.RepoTags ?? [])
      if (tag.startsWith(`${image}:`))
        await docker
          .getImage(tag)
          .remove({ force: true, noprune: true })
          .catch(() => undefined);
}

/** A one-file image (the host's static busybox at /busybox) made with `docker import`: no build, no registry. */
export async function importBusybox(tag: string): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  const { copyFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { BUSYBOX } = await import('./fixture-repo.js');
  const dir = mkdtempSync(join(tmpdir(), 'slipway-import-'));
  try {
    copyFileSync(BUSYBOX, join(dir, 'busybox'));
    execFileSync('tar', ['-C', dir, '-cf', join(dir, 'rootfs.tar'), 'busybox']);
    execFileSync('docker', ['import', join(dir, 'rootfs.tar'), tag], { stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
