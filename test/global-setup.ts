import { execFileSync } from 'node:child_process';
import Docker from 'dockerode';

/**
 * Once per run: compile the CLI (the CLI tests run bin/slipway.js as a user would), and at the end verify the
 * engine holds no container, network or volume slipway created: leaving things behind fails the run.
 */
export async function setup(): Promise<void> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
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
  if (left.length) throw new Error(`tests left engine resources behind:\n  ${left.join('\n  ')}`);
}
