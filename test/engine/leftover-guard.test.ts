import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, importBusybox } from '../helpers/engine.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const guard = (mode: string, file: string) =>
  run(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'test/guard/leftovers.ts'), mode, file], {
    cwd: ROOT,
  }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );

/** The guard ./scripts/test runs after vitest must fail the run when something is left — and only then. */
describe('the leftover guard', () => {
  const image = `slipway-test-guard:${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'slipway-guard-'));
  beforeAll(() => importBusybox(image));
  afterAll(async () => {
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails on a labelled container left behind, and on an unlabelled volume that appeared; passes once they are gone', async () => {
    const snapshot = join(dir, 'snapshot.json');
    expect((await guard('snapshot', snapshot)).code).toBe(0);
    const c = await docker.createContainer({
      Image: image,
      Cmd: ['/busybox', 'true'],
      Labels: { 'dev.slipway.managed': 'true', 'dev.slipway.session': 'guard-test' },
    });
    const volume = `slipway-guard-${process.pid}`;
    await docker.createVolume({ Name: volume });
    try {
      const left = await guard('check', snapshot);
      expect(left.code).toBe(1);
      expect(left.stderr).toContain('left engine resources behind');
      expect(left.stderr).toMatch(/container \S+ \(labelled by slipway\)/);
      expect(left.stderr).toContain(`volume ${volume} (new during the run)`);
    } finally {
      await c.remove({ force: true, v: true });
      await docker.getVolume(volume).remove();
    }
    const clean = await guard('check', snapshot);
    expect(clean.stderr).toContain('holds nothing the tests made');
    expect(clean.code).toBe(0);
  });
});
