import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverBuildClient } from '../../src/engine/client.js';
import { dockerBuild } from '../../src/engine/docker-build.js';
import { ensureImages } from '../../src/engine/images.js';
import { docker } from './engine.js';

export const GOSS_ENV_DIR = join(import.meta.dirname, '..', 'fixtures', 'goss-env');

const FILES = ['Dockerfile', 'dnsmasq.conf', 'pretty.py'];

/**
 * The images of the environment goss's integration suite needs (test/fixtures/goss-env/Dockerfile): a
 * bookworm systemd image with apache2, tinyproxy and dnsmasq, and the httpbin companion. Tagged by the hash
 * of their files and kept: built once per machine (~30 s, mostly apt), reused by every later run; a change of
 * the files makes new tags (`docker image rm` the old `slipway-goss-*` ones, or `slipway clean --images`
 * does not: they are the tests', not slipway's). Built one after the other, never two builds at once.
 */
export async function gossEnvImages(): Promise<{ env: string; httpbin: string }> {
  const key = createHash('sha256');
  for (const f of FILES) key.update(f).update(readFileSync(join(GOSS_ENV_DIR, f)));
  const tag = key.digest('hex').slice(0, 12);
  const images = { env: `slipway-goss-env:${tag}`, httpbin: `slipway-goss-httpbin:${tag}` };
  const missing = [];
  for (const [target, ref] of Object.entries(images))
    if (
      !(await docker
        .getImage(ref)
        .inspect()
        .then(
          () => true,
          () => false,
        ))
    )
      missing.push({ target, ref });
  if (!missing.length) return images;
  const client = await discoverBuildClient();
  await ensureImages(docker, ['node:24-bookworm-slim'], {
    dockerBin: client.bin,
    onProgress: () => undefined,
  });
  for (const m of missing) {
    const out = await dockerBuild({
      client,
      dockerfile: join(GOSS_ENV_DIR, 'Dockerfile'),
      context: GOSS_ENV_DIR,
      target: m.target,
      tags: [m.ref],
      labels: { 'dev.slipway.test-fixture': 'goss-env' },
      buildArgs: {},
      secrets: [],
    });
    if (!out.ok)
      throw new Error(`building ${m.ref}: ${out.failure?.message} ${out.failure?.logTail.join('\n')}`);
  }
  return images;
}
