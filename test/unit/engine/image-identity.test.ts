import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { externalImageIds } from '../../../src/dev/fingerprint.js';
import { imageIdentities } from '../../../src/engine/images.js';
import { openProject } from '../../../src/project/project.js';

/** An engine's image inspect answers, and nothing else (the identity is pure over them). */
const engine = (images: Record<string, { Id: string; RepoDigests?: string[] }>) =>
  ({
    getImage: (ref: string) => ({
      inspect: async () => {
        const i = images[ref];
        if (!i) throw Object.assign(new Error('no such image'), { statusCode: 404 });
        return i;
      },
    }),
  }) as unknown as Docker;

const docker = engine({
  'debian:12': { Id: 'sha256:local-id', RepoDigests: ['debian@sha256:pulled-digest'] },
  'made-here:1': { Id: 'sha256:made-id', RepoDigests: [] },
});

describe('what a fingerprint knows an external image by, everywhere it is computed', () => {
  it('the registry digest of a pulled image, else its ID; absent images left out', async () => {
    expect(await imageIdentities(docker, ['debian:12', 'made-here:1', 'absent:0'])).toEqual({
      'debian:12': 'sha256:pulled-digest',
      'made-here:1': 'sha256:made-id',
    });
  });

  it('the dev loop uses the same identity as the build labels (a pulled base would otherwise never match)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-identity-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12 AS base\nFROM base AS dev\n');
    expect(await externalImageIds(docker, openProject(dir), 'dev')).toEqual({
      'debian:12': 'sha256:pulled-digest',
    });
  });
});
