import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { makeBaseImage } from '../../src/engine/base-images/make.js';
import type { Recipe } from '../../src/engine/base-images/recipes.js';
import { discoverBuildClient } from '../../src/engine/client.js';
import { exec } from '../helpers/engine.js';

/**
 * The air-gapped recipe, for real: Debian bookworm slim made twice from the mirror with mmdebstrap and
 * imported. Same inputs, same content: the two imports must have the same layer digest. (Tagged under a
 * test name, so a real debian image on the machine is never touched.)
 */
describe('base images made locally (mmdebstrap + docker import)', () => {
  const docker = new Docker();
  const tag = `slipway-test-debian:${process.pid}`;
  const recipe: Recipe = { tag, suite: 'bookworm', slim: true, nodeMajor: null };
  afterAll(async () => {
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it('is reproducible, slim, and labelled with its inputs', async () => {
    const client = await discoverBuildClient();
    const notes: string[] = [];
    const first = await makeBaseImage(recipe, { dockerBin: client.bin, onProgress: (l) => notes.push(l) });
    const a = await docker.getImage(tag).inspect();
    const second = await makeBaseImage(recipe, { dockerBin: client.bin, onProgress: () => undefined });
    const b = await docker.getImage(tag).inspect();
    expect(second.inputs).toBe(first.inputs);
    expect(b.RootFS.Layers).toEqual(a.RootFS.Layers);
    expect(a.Config.Labels).toMatchObject({
      'dev.slipway.base-image.inputs': first.inputs,
      'dev.slipway.base-image.recipe': tag,
    });
    expect(notes.some((n) => n.includes('mmdebstrap'))).toBe(true);
    // Debian 12, with the slim excludes: no man pages, docs reduced to copyright files.
    const r = await exec(tag, [
      'sh',
      '-c',
      'cat /etc/debian_version; ls /usr/share/man 2>/dev/null | wc -l; find /usr/share/doc -type f ! -name copyright | wc -l',
    ]);
    const [version, man, docs] = r.stdout.trim().split('\n');
    expect(version).toMatch(/^12\./);
    expect(Number(man)).toBe(0);
    expect(Number(docs)).toBe(0);
  }, 600_000);
});
