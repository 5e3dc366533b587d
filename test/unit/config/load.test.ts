import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, readConfig } from '../../../src/config/load.js';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { UserError } from '../../../src/core/errors.js';
import { openProject } from '../../../src/project/project.js';

const fail = (text: string): string[] => {
  try {
    parseConfig(text, '/repo/slipway.yaml');
  } catch (e) {
    if (e instanceof UserError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  throw new Error('expected the config to be rejected');
};

describe('parseConfig', () => {
  it('applies defaults and resolves paths against the config directory', () => {
    const c = parseConfig('image: shop\n', '/repo/slipway.yaml');
    expect(c.dockerfile).toBe('/repo/docker/Dockerfile');
    expect(c.context).toBe('/repo');
    expect(c.image).toBe('shop');
    expect(c.specs).toBe('docker/goss.{stage}.yaml');
    expect(c.roles.release).toBe('release');
    expect(c.smoke).toBeNull();
  });

  it('reads build args, roles and a smoke section', () => {
    const c = parseConfig(
      [
        'dockerfile: build/Containerfile',
        'buildArgs: { NODE_IMAGE: "node:24-bookworm-slim", RETRIES: 3 }',
        'roles: { release: shipit }',
        'smoke:',
        '  stage: shipit',
        '  port: 8080',
        '  steps:',
        '    - request: POST /items',
        '      body: { a: 1 }',
        '      expect: 201',
        '      capture: { id: id }',
        '    - restart: true',
        '    - request: GET /items/{id}',
      ].join('\n'),
      '/r/slipway.yaml',
    );
    expect(c.dockerfile).toBe('/r/build/Containerfile');
    expect(c.buildArgs).toEqual({ NODE_IMAGE: 'node:24-bookworm-slim', RETRIES: '3' });
    expect(c.roles.release).toBe('shipit');
    expect(c.roles.base).toBe('base');
    expect(c.smoke?.steps).toEqual([
      {
        kind: 'request',
        method: 'POST',
        path: '/items',
        body: { a: 1 },
        expectStatus: 201,
        capture: { id: 'id' },
      },
      { kind: 'restart' },
      { kind: 'request', method: 'GET', path: '/items/{id}', expectStatus: 200 },
    ]);
  });

  it('locates unknown keys with a did-you-mean', () => {
    expect(fail('image: a\ndockerfil: x\n')).toEqual([
      expect.stringMatching(
        /^\/repo\/slipway\.yaml:2:1: error CFG001 unknown setting 'dockerfil' \(did you mean 'dockerfile'\?\)/,
      ),
    ]);
  });

  it('locates wrong value types, bad image names and bad smoke steps', () => {
    const ds = fail(
      'image: Not_Valid!\nbuildArgs: [1, 2]\nsmoke:\n  port: 99999\n  steps:\n    - request: FETCH /x\n',
    );
    expect(ds).toEqual([
      expect.stringMatching(/:1:8: error CFG002 image: 'Not_Valid!' is not a valid image name/),
      expect.stringMatching(/:2:12: error CFG002 buildArgs: expected a mapping/),
      expect.stringMatching(/:4:9: error CFG002 smoke.port: expected an integer from 1 to 65535/),
      expect.stringMatching(/:3:1|:4:3: error CFG003 smoke.stage: required/),
      expect.stringMatching(/:6:16: error CFG002 smoke.steps\[\].request: expected 'METHOD \/path'/),
    ]);
  });

  it('reads how each stage runs for its container tests; bad entries are located', () => {
    const c = parseConfig(
      'test:\n  build: { cmd: ["sleep", "infinity"], env: { A: "1" } }\n  serve:\n    entrypoint: /bin/server --port 80\n',
      '/repo/slipway.yaml',
    );
    expect(c.test).toEqual({
      build: { cmd: ['sleep', 'infinity'], env: { A: '1' } },
      serve: { entrypoint: ['/bin/server', '--port', '80'], env: {} },
    });
    expect(parseConfig('image: x\n', '/repo/slipway.yaml').test).toEqual({});
    expect(fail('test:\n  build: { entrypiont: [sleep] }\n')).toEqual([
      expect.stringMatching(
        /^\/repo\/slipway\.yaml:2:12: error CFG001 unknown setting 'test\.build\.entrypiont' \(did you mean 'test\.build\.entrypoint'\?\)/,
      ),
    ]);
    // Numbers are words of a command; a nested list is not, and the error points at it.
    expect(
      parseConfig('test:\n  build: { cmd: [sleep, 3600] }\n', '/repo/slipway.yaml').test.build?.cmd,
    ).toEqual(['sleep', '3600']);
    expect(fail('test:\n  build: { cmd: [sleep, [a]] }\n')).toEqual([
      expect.stringMatching(
        /^\/repo\/slipway\.yaml:2:25: error CFG002 test\.build\.cmd: expected a list of strings/,
      ),
    ]);
    expect(fail('test: [build]\n')).toEqual([expect.stringMatching(/:1:7: .*test: expected a mapping/)]);
  });

  it('reads the run options of a stage (systemd, mounts, capabilities, a network with companions)', () => {
    const c = parseConfig(
      [
        'test:',
        '  web:',
        '    systemd: true',
        '    user: www-data',
        '    privileged: false',
        '    capAdd: [SYS_ADMIN]',
        '    tmpfs: [/tmp, "/var/cache:size=16m"]',
        '    volumes: ["./goss:/goss:ro", "/srv/data:/data"]',
        '    addHost: ["db:10.0.0.5", "v6:fd00::1"]',
        '    network:',
        '      subnet: 172.19.0.0/16',
        '      internal: true',
        '      companions:',
        '        - { name: httpbin, image: "httpbin:local", cmd: [gunicorn, -b, ":80"], env: { X: 1 } }',
        '  api: { network: shared-net }',
        '',
      ].join('\n'),
      '/repo/slipway.yaml',
    );
    expect(c.test.web).toEqual({
      env: {},
      systemd: true,
      user: 'www-data',
      privileged: false,
      capAdd: ['SYS_ADMIN'],
      tmpfs: ['/tmp', '/var/cache:size=16m'],
      volumes: ['/repo/goss:/goss:ro', '/srv/data:/data'],
      addHost: ['db:10.0.0.5', 'v6:fd00::1'],
      network: {
        subnet: '172.19.0.0/16',
        internal: true,
        companions: [
          { name: 'httpbin', image: 'httpbin:local', cmd: ['gunicorn', '-b', ':80'], env: { X: '1' } },
        ],
      },
    });
    expect(c.test.api?.network).toBe('shared-net');
  });

  it('locates each bad run option', () => {
    const bad = fail(
      [
        'test:',
        '  web:',
        '    systemd: yes please',
        '    capAdd: [sys_admin]',
        '    tmpfs: [run]',
        '    volumes: ["./x", "a:rel", "a:/b:rx"]',
        '    addHost: ["db"]',
        '    network: { subnet: 300.1.0.0/16, companions: [{ image: x }, { name: a, image: y }, { name: a, image: z }] }',
        '',
      ].join('\n'),
    );
    expect(bad).toEqual([
      expect.stringMatching(/:3:14: error CFG002 test\.web\.systemd: expected true or false/),
      expect.stringMatching(/:4:14: .*test\.web\.capAdd: 'sys_admin' is not a capability/),
      expect.stringMatching(/:5:13: .*test\.web\.tmpfs: 'run' is not an absolute path/),
      expect.stringMatching(/:6:15: .*test\.web\.volumes: '\.\/x' is not a bind mount/),
      expect.stringMatching(/:6:22: .*the target rel must be an absolute path/),
      expect.stringMatching(/:6:31: .*unknown mode 'rx'/),
      expect.stringMatching(/:7:15: .*test\.web\.addHost: 'db' is not a host entry/),
      expect.stringMatching(/:8:24: .*test\.web\.network\.subnet: '300\.1\.0\.0\/16' is not a subnet/),
      expect.stringMatching(/:8:51: .*companions\[0\]\.name: required/),
      expect.stringMatching(/:8:88: .*companions\[2\]: a companion named 'a' is already declared/),
    ]);
  });

  it('reads how long failing checks are retried (goss --retry-timeout, --sleep), located when bad', () => {
    const c = parseConfig('test:\n  release: { retryTimeout: 30, sleep: 2 }\n', '/repo/slipway.yaml');
    expect(c.test.release).toEqual({ env: {}, retryTimeout: 30, sleep: 2 });
    expect(fail('test:\n  release: { retryTimeout: 30s, sleep: 0 }\n')).toEqual([
      expect.stringMatching(
        /:2:28: error CFG002 test\.release\.retryTimeout: expected an integer from 0 to 3600/,
      ),
      expect.stringMatching(/:2:40: error CFG002 test\.release\.sleep: expected an integer from 1 to 600/),
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(fail('image: a\n  bad: [\n')[0]).toMatch(/^\/repo\/slipway\.yaml:\d+:\d+: error CFG000 /);
  });

  it('rejects a specs pattern without {stage}', () => {
    expect(fail('specs: docker/goss.yaml\n')[0]).toMatch(
      /:1:8: error CFG002 specs: the pattern must contain '\{stage\}'/,
    );
  });
});

describe('loadConfig', () => {
  it('without a config file, names the image after package.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-cfg-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/Web-App' }));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const c = loadConfig(dir);
    expect(c.file).toBeNull();
    expect(c.image).toBe('acme/web-app');
    expect(c.dockerfile).toBe(join(dir, 'Dockerfile'));
  });

  it('an explicit config file that does not exist is an error', () => {
    expect(() => loadConfig(tmpdir(), 'nope.yaml')).toThrow(/config file not found/);
  });
});

describe('parseConfig: ci', () => {
  it('defaults: the GHCR repository of the CI, main, npx, weekly, GitHub and CircleCI machines', () => {
    expect(parseConfig('image: a\n', '/repo/slipway.yaml').ci).toEqual({
      registry: null,
      defaultBranch: 'main',
      setup: null,
      command: null,
      schedule: '17 3 * * 1',
      github: { runner: 'ubuntu-24.04', node: '22' },
      circleci: { machine: 'ubuntu-2404:current', resourceClass: 'medium', context: null },
    });
  });

  it('reads every setting; a number is a Node version', () => {
    const c = parseConfig(
      [
        'ci:',
        '  registry: localhost:5000/team/shop',
        '  defaultBranch: trunk',
        '  setup: bash scripts/setup.sh',
        '  command: node bin/slipway.js',
        '  schedule: "0  4 * * SUN"',
        '  github: { runner: self-hosted, node: 24 }',
        '  circleci: { machine: ubuntu-2204:current, resourceClass: large, context: registry-creds }',
      ].join('\n'),
      '/repo/slipway.yaml',
    ).ci;
    expect(c).toEqual({
      registry: 'localhost:5000/team/shop',
      defaultBranch: 'trunk',
      setup: 'bash scripts/setup.sh',
      command: 'node bin/slipway.js',
      schedule: '0 4 * * SUN',
      github: { runner: 'self-hosted', node: '24' },
      circleci: { machine: 'ubuntu-2204:current', resourceClass: 'large', context: 'registry-creds' },
    });
  });

  it('locates bad values and misspelt keys', () => {
    expect(
      fail(
        [
          'ci:',
          '  registry: ghcr.io/Acme/Shop',
          '  defaultBranch: "-x"',
          '  schedule: every monday',
          '  github: { runer: x }',
          '  circleci: { machine: "" }',
          '  comand: x',
        ].join('\n'),
      ),
    ).toEqual([
      expect.stringMatching(
        /:7:3: error CFG001 unknown setting 'ci\.comand' \(did you mean 'ci\.command'\?\)/,
      ),
      expect.stringMatching(/:2:13: error CFG002 ci\.registry: 'ghcr\.io\/Acme\/Shop' must be lowercase/),
      expect.stringMatching(/:3:18: error CFG002 ci\.defaultBranch: '-x' is not a branch name/),
      expect.stringMatching(
        /:4:13: error CFG002 ci\.schedule: 'every monday' is not a cron schedule of 5 fields/,
      ),
      expect.stringMatching(
        /:5:13: error CFG001 unknown setting 'ci\.github\.runer' \(did you mean 'ci\.github\.runner'\?\)/,
      ),
      expect.stringMatching(/:6:24: error CFG002 ci\.circleci\.machine: expected a non-empty word/),
    ]);
    expect(fail('ci:\n  registry: ghcr.io/acme/shop:v1\n')).toEqual([
      expect.stringMatching(/:2:13: error CFG002 ci\.registry: .* is not a registry repository/),
    ]);
    expect(fail('ci: [github]\n')).toEqual([
      expect.stringMatching(/:1:5: error CFG002 ci: expected a mapping/),
    ]);
  });
});

describe('budgets', () => {
  it('reads sizes in decimal and binary units and growth as a percentage or a size', () => {
    const c = parseConfig(
      'budgets:\n  release: { maxSize: 340MB, maxGrowth: 5% }\n  build: { maxSize: 900 MB }\n  ci: { maxSize: 1.2GB, maxGrowth: 20MB }\n  dev: { maxSize: 512MiB }\n',
      '/r/slipway.yaml',
    );
    expect(c.budgets.map((b) => [b.stage, b.maxSize?.bytes, b.maxGrowth])).toEqual([
      ['release', 340e6, { percent: 5, text: '5%' }],
      ['build', 900e6, null],
      ['ci', 1.2e9, { bytes: 20e6, text: '20MB' }],
      ['dev', 512 * 2 ** 20, null],
    ]);
    expect(c.budgets[0]?.range.start).toEqual({ line: 2, column: 3 });
    expect(parseConfig('image: x\n', '/r/slipway.yaml').budgets).toEqual([]);
  });

  it('bad sizes, growths and keys are located errors', () => {
    expect(
      fail(
        'budgets:\n  release: { maxSize: 340, maxGrowth: lots }\n  build: { maxsize: 1GB }\n  ci: 3\n  dev: {}\n',
      ),
    ).toEqual([
      '/repo/slipway.yaml:2:23: error CFG002 budgets.release.maxSize: expected a size with a unit, e.g. 340MB, 1.2GB or 900 MB (MB = 10^6 bytes)',
      '/repo/slipway.yaml:2:39: error CFG002 budgets.release.maxGrowth: expected a percentage (5%) or a size (20MB) of growth since the previous run',
      "/repo/slipway.yaml:3:12: error CFG001 unknown setting 'budgets.build.maxsize' (did you mean 'budgets.build.maxSize'?); expected one of: maxSize, maxGrowth",
      '/repo/slipway.yaml:3:10: error CFG002 budgets.build: expected maxSize and/or maxGrowth',
      '/repo/slipway.yaml:4:7: error CFG002 budgets.ci: expected a mapping with maxSize and/or maxGrowth',
      '/repo/slipway.yaml:5:8: error CFG002 budgets.dev: expected maxSize and/or maxGrowth',
    ]);
  });

  it('a budget for a stage the Dockerfile does not have is a located error listing the stages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-budgets-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox AS base\nFROM base AS release\n');
    writeFileSync(join(dir, 'slipway.yaml'), 'image: x\nbudgets:\n  relase: { maxSize: 340MB }\n');
    try {
      openProject(dir);
      throw new Error('expected a UserError');
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      expect(e.diagnostics.map(formatDiagnostic)).toEqual([
        `${dir}/slipway.yaml:3:3: error CFG004 budgets: 'relase' is not a stage of the Dockerfile (did you mean 'release'?); stages: base, release`,
      ]);
    }
  });

  it('readConfig is total: the config or null, and every problem with its own code; it never throws', () => {
    const r = readConfig(
      'image: x\nsmoke:\n  port: 99999\nroles: { relase: x }\nbogus: 1\n',
      '/repo/slipway.yaml',
    );
    expect(r.config).toBeNull();
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['CFG001', 'CFG001', 'CFG002', 'CFG003']);
    expect(readConfig('a: [\n', '/repo/slipway.yaml').diagnostics[0]?.code).toBe('CFG000');
    const ok = readConfig('image: x\n', '/repo/slipway.yaml');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.config?.image).toBe('x');
  });

  it('a role given a stage the Dockerfile does not have is a located CFG004 error; the default roles are not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-roles-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox AS base\nFROM base AS final\n');
    writeFileSync(join(dir, 'slipway.yaml'), 'image: x\nroles:\n  base: base\n  release: gone\n');
    try {
      openProject(dir);
      throw new Error('expected a UserError');
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      expect(e.diagnostics.map(formatDiagnostic)).toEqual([
        `${dir}/slipway.yaml:4:12: error CFG004 roles.release: 'gone' is not a stage of Dockerfile; stages: base, final`,
      ]);
    }
    // Without `roles:`, every role names the stage of its own name, and a Dockerfile need not have it.
    writeFileSync(join(dir, 'slipway.yaml'), 'image: x\n');
    expect(openProject(dir).config.roles.release).toBe('release');
  });

  it('a smoke or test stage that is not in the Dockerfile is a located CFG004 error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-stagerefs-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox AS base\nFROM base AS release\n');
    writeFileSync(
      join(dir, 'slipway.yaml'),
      'image: x\nsmoke:\n  stage: relese\n  port: 80\ntest:\n  bse: { cmd: [sh] }\n',
    );
    try {
      openProject(dir);
      throw new Error('expected a UserError');
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      expect(e.diagnostics.map(formatDiagnostic)).toEqual([
        `${dir}/slipway.yaml:3:10: error CFG004 smoke.stage: 'relese' is not a stage of Dockerfile (did you mean 'release'?); stages: base, release`,
        `${dir}/slipway.yaml:6:3: error CFG004 test.bse: 'bse' is not a stage of Dockerfile (did you mean 'base'?); stages: base, release`,
      ]);
    }
  });
});

describe('openProject: the command line on top of the config', () => {
  it('-f is relative to the project directory (--cwd), as -c is; what the command line gave is kept apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-file-'));
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build/prod.Dockerfile'), 'FROM busybox AS app\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox AS other\n');
    const p = openProject(dir, { dockerfile: 'build/prod.Dockerfile', buildArgs: { A: '1' } });
    expect(p.config.dockerfile).toBe(join(dir, 'build/prod.Dockerfile'));
    expect(p.given).toEqual({ dockerfile: join(dir, 'build/prod.Dockerfile'), buildArgs: { A: '1' } });
    // -f naming the Dockerfile the config names anyway changes nothing.
    expect(openProject(dir, { dockerfile: 'Dockerfile' }).given).toEqual({ dockerfile: null, buildArgs: {} });
  });
});
