import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../../src/core/errors.js';
import type { RunResult } from '../../../src/core/process.js';
import { discoverBuildClient } from '../../../src/engine/client.js';

/** A fake machine: which docker binaries exist, their versions, which have buildx. */
function machine(
  bins: Record<string, { version: string; buildx?: boolean }>,
  env: NodeJS.ProcessEnv = { PATH: '/usr/local/bin:/usr/bin' },
) {
  return {
    env,
    exists: (p: string) => p in bins,
    run: async (cmd: string, args: readonly string[]): Promise<RunResult> => {
      const b = bins[cmd];
      if (!b) return { code: 127, stdout: '', stderr: `${cmd}: not found` };
      if (args[0] === '--version')
        return { code: 0, stdout: `Docker version ${b.version}, build abc\n`, stderr: '' };
      if (args[0] === 'buildx')
        return b.buildx
          ? { code: 0, stdout: 'github.com/docker/buildx v0.17.1\n', stderr: '' }
          : { code: 1, stdout: '', stderr: "docker: 'buildx' is not a docker command." };
      return { code: 1, stdout: '', stderr: 'unexpected' };
    },
  };
}

describe('discoverBuildClient', () => {
  it('skips a docker 28 client without buildx and takes the 20.10 client with BuildKit built in', async () => {
    const c = await discoverBuildClient(
      machine({
        '/usr/local/bin/docker': { version: '28.2.2' },
        '/usr/bin/docker': { version: '20.10.24+dfsg1' },
      }),
    );
    expect(c.bin).toBe('/usr/bin/docker');
    expect(c.mode).toBe('builtin');
    expect(c.env.DOCKER_BUILDKIT).toBe('1');
  });

  it('prefers a client with the buildx plugin, first on PATH', async () => {
    const c = await discoverBuildClient(
      machine({
        '/usr/local/bin/docker': { version: '28.2.2', buildx: true },
        '/usr/bin/docker': { version: '20.10.24' },
      }),
    );
    expect([c.bin, c.mode]).toEqual(['/usr/local/bin/docker', 'buildx']);
  });

  it('honours SLIPWAY_DOCKER, and rejects it clearly when it cannot use BuildKit', async () => {
    const bins = { '/opt/docker': { version: '20.10.5' }, '/opt/new': { version: '27.0.1' } };
    expect((await discoverBuildClient(machine(bins, { SLIPWAY_DOCKER: '/opt/docker' }))).bin).toBe(
      '/opt/docker',
    );
    await expect(discoverBuildClient(machine(bins, { SLIPWAY_DOCKER: '/opt/new' }))).rejects.toThrow(
      /SLIPWAY_DOCKER=\/opt\/new cannot build with BuildKit: version 27.0.1 has no buildx plugin and no built-in BuildKit/,
    );
  });

  it('never falls back to the legacy builder: no capable client is an EnvironmentError listing what was tried', async () => {
    const p = discoverBuildClient(
      machine({ '/usr/local/bin/docker': { version: '28.2.2' }, '/usr/bin/docker': { version: '17.06.0' } }),
    );
    await expect(p).rejects.toBeInstanceOf(EnvironmentError);
    await expect(p).rejects.toThrow(
      /\/usr\/local\/bin\/docker: version 28.2.2 has no buildx plugin[\s\S]*\/usr\/bin\/docker: version 17.06.0/,
    );
  });
});
