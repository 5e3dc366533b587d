import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { docker, leftovers, removeImagesOf } from '../helpers/engine.js';
import { tinyRepo } from '../helpers/fixture-repo.js';

/**
 * The path a new user takes: no busybox on the host (the lookup is disabled), no helper image in the engine,
 * no registry (none is reachable on this machine) → slipway builds the helper itself from a Debian image it
 * can make, installing Debian's busybox-static inside the build, and live checks pass. When the helper cannot
 * be had at all, that is an environment error (exit 3) before any check runs.
 */
describe('the namespace helper is provisioned by slipway itself', () => {
  const image = `slipway-test-helper-${process.pid}`;
  const helperRepo = `slipway-helper-test-${process.pid}`;
  let repo: string;
  const env = { SLIPWAY_HELPER_REPO: helperRepo, SLIPWAY_HELPER_HOST_BUSYBOX: '' };

  beforeAll(async () => {
    repo = tinyRepo({
      Dockerfile: [
        'FROM scratch AS web',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'RUN mkdir -p /www && echo ok > /www/health',
        'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]',
        '',
      ].join('\n'),
      'slipway.yaml': `image: ${image}\ndockerfile: Dockerfile\n`,
    });
    writeFileSync(
      join(repo, 'live.yaml'),
      [
        'process:',
        '  httpd: { running: true }',
        'port:',
        '  tcp6:8080: { listening: true }',
        'http:',
        '  http://localhost:8080/health: { status: 200, body: [ok] }',
        '',
      ].join('\n'),
    );
    const b = await slipway(['build', 'web', '--cwd', repo, '--quiet']);
    if (b.code !== 0) throw new Error(b.stdout + b.stderr);
  });

  afterAll(async () => {
    await removeImagesOf(image);
    // By tag, not id: the same content may also be the machine's own helper image under its usual name.
    const tags = (await docker.listImages()).flatMap((i) => i.RepoTags ?? []);
    for (const t of tags.filter((t) => t.startsWith(`${helperRepo}:`)))
      await docker
        .getImage(t)
        .remove()
        .catch(() => undefined);
  });

  it('builds the helper from Debian, then a live check (process, port, http) passes; nothing left behind', async () => {
    const args = ['test', '--image', `${image}:web`, '--spec', join(repo, 'live.yaml'), '--format', 'tap'];
    const first = await slipway(args, { env });
    expect(first.stderr).toContain('building the helper image locally: no registry reachable');
    expect(first.stdout).toMatch(/^1\.\.4$/m);
    expect(first.stdout).not.toMatch(/^not ok/m);
    expect(first.code).toBe(0);
    const made = await docker.listImages({ filters: JSON.stringify({ reference: [`${helperRepo}*`] }) });
    expect(made).toHaveLength(1);
    // Built in a Debian image (one slipway makes, or one present), not copied from the host.
    expect(made[0]?.Labels?.['dev.slipway.helper.base']).toMatch(/^(debian|node):/);
    expect(await leftovers()).toEqual([]);

    // Cached: the second run finds it by its content key and builds nothing.
    const second = await slipway(args, { env });
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('building the helper image');
    expect(await leftovers()).toEqual([]);
  });

  it('a helper that cannot be had is an environment error before any check runs (exit 3)', async () => {
    const r = await slipway(['test', '--image', `${image}:web`, '--spec', join(repo, 'live.yaml')], {
      // No BuildKit client, no host busybox, no registry, no helper image of this name.
      env: { ...env, SLIPWAY_HELPER_REPO: `${helperRepo}-none`, SLIPWAY_DOCKER: '/bin/false' },
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('could not be provisioned');
    expect(r.stderr).toMatch(/hint: .*busybox/);
    expect(await leftovers()).toEqual([]);
  });
});
