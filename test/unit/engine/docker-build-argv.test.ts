import { describe, expect, it } from 'vitest';
import type { BuildClient } from '../../../src/engine/client.js';
import { dockerBuildArgv } from '../../../src/engine/docker-build.js';

const builtin: BuildClient = { bin: '/usr/bin/docker', mode: 'builtin', version: '20.10.24', env: {} };
const buildx: BuildClient = { bin: '/usr/local/bin/docker', mode: 'buildx', version: '28.2.2', env: {} };
const req = {
  dockerfile: 'docker/Dockerfile',
  context: '.',
  target: 'ci',
  tags: ['app:ci'],
  labels: { 'dev.slipway.stage': 'ci' },
  buildArgs: { BUILDKIT_INLINE_CACHE: '1' },
  secrets: [{ id: 'ca', src: '/tmp/ca.pem' }],
  cacheFrom: ['reg/app:ci-main', 'reg/app:build-fp-abc'],
};

describe('the docker build command line', () => {
  it('the built-in BuildKit: plain `docker build`, inline cache sources, the CA as a secret, never as an arg', () => {
    const a = dockerBuildArgv({ ...req, client: builtin }, '/tmp/iid');
    expect(a.slice(0, 1)).toEqual(['build']);
    expect(a).toEqual(
      expect.arrayContaining(['--cache-from', 'reg/app:ci-main', '--secret', 'id=ca,src=/tmp/ca.pem']),
    );
    expect(a.join(' ')).toContain('--build-arg BUILDKIT_INLINE_CACHE=1');
    expect(a.join(' ')).not.toMatch(/--build-arg [^ ]*ca\.pem/);
    expect(a.at(-1)).toBe('.');
  });

  it('buildx: `buildx build --builder NAME --load`, so a remote builder’s image lands in the engine', () => {
    const a = dockerBuildArgv({ ...req, client: buildx, builder: 'k8s' }, '/tmp/iid');
    expect(a.slice(0, 5)).toEqual(['buildx', 'build', '--builder', 'k8s', '--load']);
  });
  it('a CA path with a comma or a quote is one CSV field of --secret (the docker CLI reads it as CSV)', () => {
    const argv = dockerBuildArgv(
      { ...req, client: builtin, secrets: [{ id: 'ca', src: '/certs/corp,"root".pem' }] },
      '/tmp/iid',
    );
    expect(argv[argv.indexOf('--secret') + 1]).toBe('id=ca,"src=/certs/corp,""root"".pem"');
  });
});
