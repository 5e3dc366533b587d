import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { slipway } from '../helpers/cli.js';
import { docker, leftovers, removeImagesOf } from '../helpers/engine.js';
import { tinyRepo } from '../helpers/fixture-repo.js';
import { registryTags, startRegistry, type TestRegistry } from '../helpers/registry.js';

/**
 * The CI commands on a tiny repository with a real registry: how refusals read, and what `ci plan` writes for
 * CircleCI. (The whole job graph on this repository's own Dockerfile is test/e2e/ci-replay.test.ts.)
 */
describe('slipway ci plan / ci job / publish: bad input and refusals', () => {
  const image = `slipway-test-ci-${process.pid}`;
  let registry: TestRegistry;
  let repo: string;
  const env = () => ({
    SLIPWAY_REGISTRY: `${registry.host}/tiny`,
    GITHUB_REPOSITORY: '',
    GITHUB_ACTIONS: '',
  });

  beforeAll(async () => {
    registry = await startRegistry();
    repo = tinyRepo({
      'src/a.txt': `ci ${process.pid} ${Date.now()}\n`,
      'slipway.yaml': `image: ${image}\ndockerfile: Dockerfile\n`,
      // shipit's spec fails: its job must not push, and publish must refuse it.
      'docker/goss.shipit.yaml': 'file:\n  /artefact.txt: { exists: true, contents: [nothing like this] }\n',
    });
    for (const a of [
      ['init', '-q', '-b', 'main'],
      ['add', '-A'],
      ['-c', 'user.name=t', '-c', 'user.email=t@x', 'commit', '-qm', 'one'],
    ])
      execFileSync('git', a, { cwd: repo });
  });
  afterAll(async () => {
    await registry?.stop();
    await removeImagesOf(image);
    for (const i of await docker.listImages())
      for (const t of i.RepoTags ?? [])
        if (registry && t.startsWith(`${registry.host}/`))
          await docker
            .getImage(t)
            .remove({ force: true })
            .catch(() => undefined);
    rmSync(repo, { recursive: true, force: true });
  });

  it('an unknown stage and a missing registry are bad input (exit 2) with what to do', async () => {
    const unknown = await slipway(['ci', 'job', 'shipt', '--provider', 'github', '--cwd', repo], {
      env: env(),
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown stage 'shipt'/);
    const none = await slipway(['ci', 'job', 'compile', '--provider', 'github', '--cwd', repo], {
      env: { ...env(), SLIPWAY_REGISTRY: '' },
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no registry to push stage images to/);
    expect(none.stderr).toMatch(/hint: pass --registry/);
  });

  it('a stage whose spec fails pushes nothing, and publish refuses it', async () => {
    const job = await slipway(['ci', 'job', 'shipit', '--provider', 'github', '--cwd', repo, '-q'], {
      env: env(),
    });
    expect(job.code, job.stderr).toBe(1);
    expect(job.stderr).toMatch(/test failed/);
    expect((await registryTags(registry.host, 'tiny')).filter((t) => t.startsWith('shipit-'))).toEqual([]);
    const pub = await slipway(['publish', 'shipit', '--cwd', repo, '--records', '.slipway/records'], {
      env: env(),
    });
    expect(pub.code).toBe(1);
    expect(pub.stderr).toMatch(/refusing to publish shipit: its job in this run failed \(spec\)/);
    expect(pub.stdout).toBe('');
    expect(await leftovers()).toEqual([]);
  });

  it('ci plan for CircleCI writes a continuation with only the affected jobs, and its parameters', async () => {
    const r = await slipway(
      ['ci', 'plan', '--provider', 'circleci', '--cwd', repo, '--registry', `${registry.host}/tiny`],
      {
        env: { ...env(), SLIPWAY_REGISTRY_PASSWORD: 'x' },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const cont = parse(readFileSync(join(repo, '.slipway/continue.yml'), 'utf8')) as {
      version: number;
      workflows: Record<string, { jobs: (string | Record<string, { requires?: string[] }>)[] }>;
    };
    expect(cont.version).toBe(2.1);
    const jobs = Object.values(cont.workflows)[0]?.jobs.map((j) =>
      typeof j === 'string' ? j : Object.keys(j)[0],
    );
    // Nothing is in the registry yet: every stage is built (compile, toolchain, shipit) — by fingerprint.
    expect(jobs).toEqual(expect.arrayContaining(['toolchain', 'compile', 'shipit']));
    expect(JSON.parse(readFileSync(join(repo, '.slipway/parameters.json'), 'utf8'))).toEqual({
      registry: `${registry.host}/tiny`,
      push: true,
    });
  });

  it('--builder needs buildx: on the built-in BuildKit it says so (exit 3)', async () => {
    const r = await slipway(['build', 'toolchain', '--builder', 'remote', '--cwd', repo]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--builder remote needs the buildx plugin/);
    expect(r.stderr).toMatch(/hint: install the buildx plugin/);
  });
});
