import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { leftovers, removeImagesOf } from '../helpers/engine.js';
import { BUSYBOX } from '../helpers/fixture-repo.js';

const CORPUS = fileURLToPath(new URL('../fixtures/goss-corpus/', import.meta.url));

/**
 * goss specs against known images (a busybox system from scratch, and Debian) with the exact TAP output they
 * must give: one line per result with goss's wording, so the number of results, their names, pass / fail /
 * skip (including what goss skips after a failed first check) and the failure texts are all pinned.
 * Each `<case>.tap` is what goss prints for that spec on that image, established by reading goss's code
 * (test/fixtures/goss-corpus/README.md says how) — never recorded from slipway's own output.
 */
describe('goss corpus: known specs, known images, exact results', () => {
  const image = `slipway-goss-corpus-${process.pid}`;
  let repo: string;
  const cases = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml'));

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'slipway-corpus-'));
    copyFileSync(join(CORPUS, 'Dockerfile'), join(repo, 'Dockerfile'));
    copyFileSync(BUSYBOX, join(repo, 'busybox'));
    writeFileSync(join(repo, 'slipway.yaml'), `image: ${image}\ndockerfile: Dockerfile\n`);
    const b = await slipway(['build', '--all', '--cwd', repo, '--quiet']);
    if (b.code !== 0) throw new Error(b.stdout + b.stderr);
  });
  afterAll(async () => {
    await removeImagesOf(image);
    rmSync(repo, { recursive: true, force: true });
  });

  it.each(cases)('%s', async (file) => {
    const stage = file.startsWith('deb') ? 'deb' : 'box';
    const r = await slipway([
      'test',
      '--image',
      `${image}:${stage}`,
      '--spec',
      join(CORPUS, file),
      '--format',
      'tap',
    ]);
    const golden = join(CORPUS, file.replace(/\.yaml$/, '.tap'));
    const got = r.stdout.replaceAll(image, 'IMAGE');
    expect(got).toBe(readFileSync(golden, 'utf8'));
    expect(r.code).toBe(/^not ok /m.test(got) ? 1 : 0);
    expect(await leftovers()).toEqual([]);
  });
});
