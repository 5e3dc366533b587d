import { execFileSync } from 'node:child_process';
import Docker from 'dockerode';

/**
 * Once per run: compile the CLI (the CLI tests run bin/slipway.js as a user would), and at the end verify the
 * engine holds no container, network or volume slipway created: leaving things behind fails the run.
 */
let volumesBefore: Set<string> | null = null;

export async function setup(): Promise<void> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  try {
    volumesBefore = new Set(((await new Docker().listVolumes()).Volumes ?? []).map((v) => v.Name));
  } catch {
    volumesBefore = null; // no engine: the engine tests fail loudly on their own
  }
}

export async function teardown(): Promise<void> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch {
    return; // no engine: the engine tests already failed loudly
  }
  const filters = JSON.stringify({ label: ['dev.slipway.managed=true'] });
  const left = [
    ...(await docker.listContainers({ all: true, filters })).map((c) => `container ${c.Names.join(',')}`),
    ...(await docker.listNetworks({ filters })).map((n) => `network ${n.Name}`),
    ...((await docker.listVolumes({ filters })).Volumes ?? []).map((v) => `volume ${v.Name}`),
  ];
  // Anonymous volumes (an image's VOLUME) carry no label: any volume that appeared during the run is a leak.
  if (volumesBefore) {
    const before = volumesBefore;
    for (const v of (await docker.listVolumes()).Volumes ?? [])
      if (!before.has(v.Name)) left.push(`volume ${v.Name} (new during the run)`);
  }
  if (left.length)
    throw new Error(`tests left engine resources behind:\n  ${[...new Set(left)].join('\n  ')}`);
}
