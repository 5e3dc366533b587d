import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectionOptions, engineHost } from '../../../src/engine/engine-host.js';

/** A docker config directory as files: config.json and one context's meta.json. */
function files(current: string | null, contexts: Record<string, string>): (p: string) => string | null {
  const out = new Map<string, string>();
  if (current !== null) out.set('/h/.docker/config.json', JSON.stringify({ currentContext: current }));
  for (const [name, host] of Object.entries(contexts)) {
    const id = createHash('sha256').update(name).digest('hex');
    out.set(
      `/h/.docker/contexts/meta/${id}/meta.json`,
      JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }),
    );
  }
  return (p) => out.get(p) ?? null;
}

describe('the engine the docker CLI would use', () => {
  const rootless = files('rootless', { rootless: 'unix:///run/user/1000/docker.sock' });
  it('DOCKER_HOST first; then DOCKER_CONTEXT; then the current context of config.json; else the default socket', () => {
    expect(engineHost({ DOCKER_HOST: 'tcp://h:2375', HOME: '/h' }, rootless).host).toBe('tcp://h:2375');
    expect(engineHost({ HOME: '/h' }, rootless)).toEqual({
      host: 'unix:///run/user/1000/docker.sock',
      from: "docker context 'rootless'",
    });
    const two = files('rootless', { rootless: 'unix:///r.sock', remote: 'ssh://me@box' });
    expect(engineHost({ HOME: '/h', DOCKER_CONTEXT: 'remote' }, two).host).toBe('ssh://me@box');
    expect(engineHost({ HOME: '/h', DOCKER_CONTEXT: 'default' }, two).host).toBe(
      'unix:///var/run/docker.sock',
    );
    expect(engineHost({ HOME: '/h' }, files(null, {})).host).toBe('unix:///var/run/docker.sock');
  });
  it('a context that is not there is an environment error naming it', () => {
    expect(() => engineHost({ HOME: '/h', DOCKER_CONTEXT: 'gone' }, rootless)).toThrow(
      /docker context 'gone'/,
    );
  });
  it('addresses become dockerode options', () => {
    expect(connectionOptions('unix:///run/user/1000/docker.sock', {})).toEqual({
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(connectionOptions('tcp://10.0.0.1:2376', { DOCKER_TLS_VERIFY: '1' })).toEqual({
      protocol: 'https',
      host: '10.0.0.1',
      port: '2376',
    });
    expect(connectionOptions('ssh://me@box', {})).toEqual({
      protocol: 'ssh',
      host: 'box',
      port: 22,
      username: 'me',
    });
  });
});
