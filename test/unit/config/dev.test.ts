import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { UserError } from '../../../src/core/errors.js';

const fail = (text: string): string[] => {
  try {
    parseConfig(text, '/repo/slipway.yaml');
  } catch (e) {
    if (e instanceof UserError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  throw new Error('expected the config to be rejected');
};

describe('dev: in slipway.yaml', () => {
  it('defaults: the repository mounted at the stage WORKDIR, EXPOSE ports, the image command', () => {
    expect(parseConfig('image: shop\n', '/repo/slipway.yaml').dev).toEqual({
      workspace: '/repo',
      workdir: null,
      dependencies: null,
      lockfile: null,
      volumes: [],
      ports: null,
      env: {},
      envFile: null,
      command: null,
      shell: null,
      name: null,
    });
  });

  it('reads every setting; host paths against the config directory, a command string through sh -c', () => {
    const c = parseConfig(
      [
        'dev:',
        '  workspace: example',
        '  workdir: /srv/app/',
        '  dependencies: vendor/deps',
        '  lockfile: example/deps.lock',
        '  volumes: [/data, /var/cache/x]',
        '  ports: [3000, "8080:80", "5353/udp", 9229]',
        '  env: { PORT: 3000, DEBUG: true }',
        '  envFile: .env.dev',
        '  command: npm run watch && echo done',
        '  shell: [bash, -l]',
        '  name: shop-dev',
      ].join('\n'),
      '/repo/slipway.yaml',
    ).dev;
    expect(c).toEqual({
      workspace: '/repo/example',
      workdir: '/srv/app',
      dependencies: 'vendor/deps',
      lockfile: '/repo/example/deps.lock',
      volumes: ['/data', '/var/cache/x'],
      ports: [
        { host: 3000, container: 3000, protocol: 'tcp' },
        { host: 8080, container: 80, protocol: 'tcp' },
        { host: 5353, container: 5353, protocol: 'udp' },
        { host: 9229, container: 9229, protocol: 'tcp' },
      ],
      env: { PORT: '3000', DEBUG: 'true' },
      envFile: '/repo/.env.dev',
      command: ['/bin/sh', '-c', 'npm run watch && echo done'],
      shell: ['bash', '-l'],
      name: 'shop-dev',
    });
  });

  it('dependencies: false turns the dependency volume off', () => {
    expect(parseConfig('dev: { dependencies: false }\n', '/r/slipway.yaml').dev.dependencies).toBe(false);
  });

  it('reports each mistake at its place', () => {
    expect(
      fail(
        [
          'dev:',
          '  workdir: app',
          '  volumes: [data, /]',
          '  ports: [0, "x:1", 70000, [1]]',
          '  command: []',
          '  name: a/b',
          '  prots: [1]',
          '  dependencies: ../up',
        ].join('\n'),
      ),
    ).toEqual([
      "/repo/slipway.yaml:7:3: error CFG001 unknown setting 'dev.prots' (did you mean 'dev.ports'?); expected one of: workspace, workdir, dependencies, lockfile, volumes, ports, env, envFile, command, shell, name",
      "/repo/slipway.yaml:2:12: error CFG002 dev.workdir: 'app' must be an absolute path in the container",
      "/repo/slipway.yaml:8:17: error CFG002 dev.dependencies: '../up' cannot be mounted over",
      "/repo/slipway.yaml:3:13: error CFG002 dev.volumes[]: 'data' must be an absolute path in the container",
      "/repo/slipway.yaml:3:19: error CFG002 dev.volumes[]: '/' cannot be mounted over",
      "/repo/slipway.yaml:4:11: error CFG002 dev.ports[]: expected a port (3000), 'HOST:CONTAINER' ('8080:3000') or with '/udp'",
      "/repo/slipway.yaml:4:14: error CFG002 dev.ports[]: expected a port (3000), 'HOST:CONTAINER' ('8080:3000') or with '/udp'",
      "/repo/slipway.yaml:4:21: error CFG002 dev.ports[]: expected a port (3000), 'HOST:CONTAINER' ('8080:3000') or with '/udp'",
      "/repo/slipway.yaml:4:28: error CFG002 dev.ports[]: expected a port (3000), 'HOST:CONTAINER' ('8080:3000') or with '/udp'",
      '/repo/slipway.yaml:5:12: error CFG002 dev.command: expected a command string (run by /bin/sh -c) or a list of strings (exec form)',
      "/repo/slipway.yaml:6:9: error CFG002 dev.name: 'a/b' is not a container name (letters, digits, '_', '.', '-'; no '/')",
    ]);
  });

  it('dev must be a mapping', () => {
    expect(fail('dev: [a]\n')[0]).toMatch(/1:6: error CFG002 dev: expected a mapping/);
  });
});
