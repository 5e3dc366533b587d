import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { resolveDev } from '../../../src/dev/settings.js';
import { ensureVolumes } from '../../../src/dev/volumes.js';
import { openProject } from '../../../src/project/project.js';

/** An engine whose volumes live in a Map; creating the `failOn`-th volume fails as a full disk would. */
function engine(failOn: number) {
  const volumes = new Map<string, { Name: string; Labels: Record<string, string> }>();
  let creates = 0;
  const docker = {
    getVolume: (name: string) => ({
      inspect: async () => {
        const v = volumes.get(name);
        if (!v) throw Object.assign(new Error('no such volume'), { statusCode: 404 });
        return v;
      },
      remove: async () => {
        if (!volumes.delete(name)) throw Object.assign(new Error('no such volume'), { statusCode: 404 });
      },
    }),
    createVolume: async (o: { Name: string; Labels: Record<string, string> }) => {
      if (++creates === failOn)
        throw Object.assign(new Error('no space left on device'), { statusCode: 500 });
      volumes.set(o.Name, { Name: o.Name, Labels: o.Labels });
    },
  } as unknown as Docker;
  return { docker, volumes };
}

describe('ensureVolumes', () => {
  it('a failure making a later volume takes back the ones it made (an unseeded kept volume would mount empty)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-volumes-'));
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app/package.json'), '{}');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch AS dev\nWORKDIR /app\n');
    writeFileSync(join(dir, 'slipway.yaml'), 'image: shop\ndev: { workspace: app, volumes: [/data] }\n');
    const s = resolveDev(openProject(dir), { uid: 1000, gid: 1000 });
    expect(s.volumes.length).toBe(2); // node_modules and /data
    const { docker, volumes } = engine(2);
    await expect(ensureVolumes(docker, s, 'sess', { refreshDependencies: false })).rejects.toThrow(
      /no space/,
    );
    expect([...volumes.keys()]).toEqual([]);
    const ok = engine(0);
    const made = await ensureVolumes(ok.docker, s, 'sess', { refreshDependencies: false });
    expect(made.created.map((v) => v.name)).toEqual([...ok.volumes.keys()]);
  });
});
