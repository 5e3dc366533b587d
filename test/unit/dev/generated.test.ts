import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { devcontainerJson } from '../../../src/dev/devcontainer.js';
import { jsonText } from '../../../src/dev/json-text.js';
import { npmScripts, OWNED_SCRIPT, syncScripts } from '../../../src/dev/npm-scripts.js';
import { openProject } from '../../../src/project/project.js';
import { REPO } from '../../helpers/cli.js';
import { devcontainerProblems } from '../../helpers/devcontainer-spec.js';

const dirs: string[] = [];
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-devgen-'));
  dirs.push(dir);
  for (const [f, t] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), t);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const DOCKERFILE =
  'FROM debian:bookworm AS base\nUSER 1000\nFROM base AS develop\nEXPOSE 8000\nFROM base\nRUN true\n';

describe('devcontainerJson', () => {
  it('points at the same Dockerfile, context and dev target as slipway dev, and is valid by the specification', () => {
    const dir = repo({
      'build/Dockerfile': DOCKERFILE,
      'slipway.yaml': [
        'dockerfile: build/Dockerfile',
        'image: shop',
        'buildArgs: { PY: "3.12" }',
        'roles: { dev: develop }',
        'dev:',
        '  workspace: services/api',
        '  workdir: /src',
        '  dependencies: .venv',
        '  volumes: [/data]',
        '  env: { DEBUG: "1" }',
        '  envFile: .env.dev',
      ].join('\n'),
    });
    const doc = JSON.parse(devcontainerJson(openProject(dir)));
    expect(devcontainerProblems(doc)).toEqual([]);
    expect(doc).toEqual({
      name: 'shop (develop)',
      build: { dockerfile: '../build/Dockerfile', context: '..', target: 'develop', args: { PY: '3.12' } },
      workspaceMount: 'source=${localWorkspaceFolder}/services/api,target=/src,type=bind',
      workspaceFolder: '/src',
      mounts: [
        { type: 'volume', source: '${devcontainerId}-src-.venv', target: '/src/.venv' },
        { type: 'volume', source: '${devcontainerId}-data', target: '/data' },
      ],
      forwardPorts: [8000],
      containerEnv: { DEBUG: '1' },
      runArgs: ['--env-file', '${localWorkspaceFolder}/.env.dev'],
      init: true,
      remoteUser: '1000',
      updateRemoteUserUID: true,
    });
  });

  it('the checker itself refuses what the specification does not allow', () => {
    expect(
      devcontainerProblems({
        build: { dockerfile: 1, target: 'x', extra: true },
        forwardPorts: ['3000', 70000],
        mounts: [{ type: 'tmpfs', target: '/x' }, 3],
        remoteUser: 0,
        workspacefolder: '/x',
        containerEnv: { A: 1 },
      }),
    ).toEqual([
      'remoteUser: integer, expected string',
      'workspacefolder: not a property of the specification',
      'build.dockerfile: required',
      'build.dockerfile: integer, expected string',
      'build.extra: not a property of the specification',
      'forwardPorts[0]: a port number or "host:port"',
      'forwardPorts[1]: a port number or "host:port"',
      'mounts[0].type: bind or volume',
      'mounts[1]: a Mount object or a string',
      'containerEnv.A: a string',
    ]);
  });
});

describe('npm helper scripts', () => {
  it('build: for every named stage, test: for the stages with a spec, dev: when there is a dev stage', () => {
    const dir = repo({
      Dockerfile: 'FROM scratch AS base\nFROM base AS dev\nFROM base\nFROM base AS release\n',
      'docker/goss.base.yaml': '{}',
      'docker/goss.release.yaml': '{}',
    });
    expect(npmScripts(openProject(dir), 'slipway')).toEqual({
      'build:base-container': 'slipway build base',
      'build:dev-container': 'slipway build dev',
      'build:release-container': 'slipway build release',
      'test:base-container': 'slipway test base',
      'test:release-container': 'slipway test release',
      'dev:up': 'slipway dev up',
      'dev:shell': 'slipway dev shell',
      'dev:down': 'slipway dev down',
    });
  });

  it('each script carries the project options given (-c, -f, --build-arg), relative to package.json, quoted', () => {
    const dir = repo({
      'build/App.dockerfile': 'FROM scratch AS web\nFROM web AS dev\n',
      'docker/goss.web.yaml': '{}',
      'slipway.ci.yml': 'image: shop\n',
    });
    const p = openProject(dir, {
      configFile: 'slipway.ci.yml',
      dockerfile: 'build/App.dockerfile',
      buildArgs: { NODE: '24', GREETING: "it's on" },
    });
    const args =
      "-c slipway.ci.yml -f build/App.dockerfile --build-arg NODE=24 --build-arg 'GREETING=it'\\''s on'";
    expect(npmScripts(p, 'slipway')).toEqual({
      'build:web-container': `slipway build web ${args}`,
      'build:dev-container': `slipway build dev ${args}`,
      'test:web-container': `slipway test web ${args}`,
      'dev:up': `slipway dev up ${args}`,
      'dev:shell': `slipway dev shell ${args}`,
      'dev:down': `slipway dev down ${args}`,
    });
    // The project below the checkout, without a config: npm runs the scripts there, so no --cwd either.
    const sub = repo({ '.git/HEAD': '', 'api/build/App.dockerfile': 'FROM scratch AS web\n' });
    expect(
      npmScripts(openProject(join(sub, 'api'), { dockerfile: 'build/App.dockerfile' }), 'slipway'),
    ).toEqual({
      'build:web-container': 'slipway build web -f build/App.dockerfile',
    });
    // -f naming the config's own Dockerfile, and the default config, add nothing.
    const plain = repo({
      'slipway.yaml': 'dockerfile: build/App.dockerfile\n',
      'build/App.dockerfile': 'FROM scratch AS web\n',
    });
    expect(
      npmScripts(
        openProject(plain, { configFile: 'slipway.yaml', dockerfile: 'build/App.dockerfile' }),
        'slipway',
      ),
    ).toEqual({
      'build:web-container': 'slipway build web',
    });
  });

  it('syncScripts keeps every other script and key and the indentation; removes its own stale ones', () => {
    const text = `${JSON.stringify(
      {
        name: 'x',
        scripts: {
          test: 'vitest',
          'test:gone-container': 'slipway test gone',
          'build:base-container': 'old',
        },
        files: ['a'],
      },
      null,
      4,
    )}\n`;
    const out = syncScripts(text, {
      'build:base-container': 'slipway build base',
      'dev:up': 'slipway dev up',
    });
    expect(out).toBe(
      `${JSON.stringify(
        {
          name: 'x',
          scripts: {
            test: 'vitest',
            'build:base-container': 'slipway build base',
            'dev:up': 'slipway dev up',
          },
          files: ['a'],
        },
        null,
        4,
      )}\n`,
    );
    expect(syncScripts('[1]', {})).toBeNull();
    expect(syncScripts('{', {})).toBeNull();
    expect(OWNED_SCRIPT.test('test:unit')).toBe(false);
    expect(OWNED_SCRIPT.test('dev:watch')).toBe(false);
  });
});

describe('jsonText', () => {
  it('writes as biome formats: scalar arrays on one line when they fit, objects one key a line', () => {
    expect(jsonText({ a: [1, 2], b: { c: 'x' }, d: [{ e: 1 }], f: [], g: {} })).toBe(
      '{\n  "a": [1, 2],\n  "b": {\n    "c": "x"\n  },\n  "d": [\n    {\n      "e": 1\n    }\n  ],\n  "f": [],\n  "g": {}\n}\n',
    );
    const long = Array.from({ length: 30 }, (_, i) => `item-${i}`);
    expect(jsonText({ long }).split('\n').length).toBe(35); // {, "long": [, 30 items, ], }, ''
  });
});

/** This repository's own generated files: exactly what slipway writes for it. */
describe("this repository's devcontainer.json and npm helpers", () => {
  const project = openProject(REPO);

  it('.devcontainer/devcontainer.json is what `slipway devcontainer` writes, valid by the specification', () => {
    const text = readFileSync(join(REPO, '.devcontainer/devcontainer.json'), 'utf8');
    expect(text, 'run `node bin/slipway.js devcontainer` and commit the result').toBe(
      devcontainerJson(project),
    );
    expect(devcontainerProblems(JSON.parse(text))).toEqual([]);
  });

  it('package.json has the helpers `slipway scripts` keeps in sync, and its other scripts', () => {
    const text = readFileSync(join(REPO, 'package.json'), 'utf8');
    expect(
      syncScripts(text, npmScripts(project, 'node bin/slipway.js')),
      'run `node bin/slipway.js scripts`',
    ).toBe(text);
    const scripts = (JSON.parse(text) as { scripts: Record<string, string> }).scripts;
    for (const stage of ['base', 'build', 'dev', 'project', 'ci', 'release']) {
      expect(scripts[`test:${stage}-container`]).toBe(`node bin/slipway.js test ${stage}`);
      expect(scripts[`build:${stage}-container`]).toBe(`node bin/slipway.js build ${stage}`);
    }
    expect(scripts).toMatchObject({
      'dev:up': 'node bin/slipway.js dev up',
      'dev:shell': 'node bin/slipway.js dev shell',
      'dev:down': 'node bin/slipway.js dev down',
      typecheck: 'tsc --noEmit',
    });
  });
});
