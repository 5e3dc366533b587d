/**
 * The leftover guard of the test run, outside vitest (a throwing globalSetup teardown is only logged by
 * vitest 4.1 and the run still exits 0). `./scripts/test` runs it twice:
 *   tsx test/guard/leftovers.ts snapshot FILE   before the tests: the containers, networks, volumes there are
 *   tsx test/guard/leftovers.ts check FILE      after: anything slipway-labelled, or anything new since the
 *                                               snapshot (an image's anonymous VOLUME has no label) → exit 1
 * With no engine reachable it passes (the engine tests have failed loudly on their own).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Docker from 'dockerode';

interface Found {
  kind: 'container' | 'network' | 'volume';
  id: string;
  name: string;
  labelled: boolean;
}

const MANAGED = 'dev.slipway.managed';

async function inventory(docker: Docker): Promise<Found[]> {
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listNetworks(),
    docker.listVolumes(),
  ]);
  return [
    ...containers.map((c) => ({
      kind: 'container' as const,
      id: c.Id,
      name: c.Names.join(','),
      labelled: c.Labels?.[MANAGED] === 'true',
    })),
    ...networks.map((n) => ({
      kind: 'network' as const,
      id: n.Id,
      name: n.Name,
      labelled: n.Labels?.[MANAGED] === 'true',
    })),
    ...(volumes.Volumes ?? []).map((v) => ({
      kind: 'volume' as const,
      id: v.Name,
      name: v.Name,
      labelled: (v.Labels as Record<string, string> | null)?.[MANAGED] === 'true',
    })),
  ];
}

async function main(): Promise<number> {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== 'snapshot' && mode !== 'check') || !file) {
    console.error('usage: leftovers.ts snapshot|check FILE');
    return 2;
  }
  const docker = new Docker();
  try {
    await docker.ping();
  } catch {
    if (mode === 'snapshot') writeFileSync(file, '[]');
    return 0;
  }
  if (mode === 'snapshot') {
    writeFileSync(file, JSON.stringify((await inventory(docker)).map((f) => f.id)));
    return 0;
  }
  const before = new Set(JSON.parse(readFileSync(file, 'utf8')) as string[]);
  const left = (await inventory(docker))
    .filter((f) => f.labelled || !before.has(f.id))
    .map((f) => `${f.kind} ${f.name} (${f.labelled ? 'labelled by slipway' : 'new during the run'})`);
  if (!left.length) {
    console.error('leftover guard: the engine holds nothing the tests made');
    return 0;
  }
  console.error(`leftover guard: the tests left engine resources behind:\n  ${left.join('\n  ')}`);
  return 1;
}

process.exitCode = await main();
