import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, slipway } from '../helpers/cli.js';
import { devcontainerProblems } from '../helpers/devcontainer-spec.js';
import { tinyRepo } from '../helpers/fixture-repo.js';

const DEVCONTAINER_CLI = join(REPO, 'node_modules/@devcontainers/cli/devcontainer.js');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tiny = (files: Record<string, string> = {}) => {
  const d = tinyRepo(files);
  dirs.push(d);
  return d;
};

/** The dev commands' bad input, as a user meets it: before any engine is needed, or with none. */
describe('slipway dev (no engine needed)', () => {
  it('--help lists the subcommands; an unknown one is bad input', async () => {
    const h = await slipway(['dev', '--help']);
    expect(h.code).toBe(0);
    for (const s of [
      'up [--rebuild]',
      'shell [-u USER]',
      'exec [-u USER] -- CMD',
      'logs',
      'status',
      'down [--volumes]',
    ])
      expect(h.stdout).toContain(s);
    const bad = await slipway(['dev', 'start']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("slipway: error: unknown dev command 'start'");
    expect(bad.stderr).toContain('hint: slipway dev up|shell|exec|logs|status|down');
  });

  it('a Dockerfile without a dev stage: a clear message, exit 2, nothing asked of the engine', async () => {
    const dir = tiny();
    const r = await slipway(['dev', 'up', '--cwd', dir], {
      env: { DOCKER_HOST: 'unix:///nonexistent.sock' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("slipway: error: no dev stage: Dockerfile has no stage 'dev'");
    expect(r.stderr).toContain(
      "hint: stages: toolchain, compile, shipit; name the developer's stage with 'roles: { dev: STAGE }' in slipway.yaml",
    );
    // roles.dev names it: then the engine is the next thing asked for.
    writeFileSync(join(dir, 'slipway.yaml'), 'roles: { dev: toolchain }\n');
    const down = await slipway(['dev', 'status', '--cwd', dir], {
      env: { DOCKER_HOST: 'unix:///nonexistent.sock' },
    });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(
      /slipway: error: the Docker engine is unreachable \(unix:\/\/\/nonexistent.sock\)/,
    );
    expect(down.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('an env file that is missing or wrong is bad input with its place', async () => {
    const dir = tiny({ 'slipway.yaml': 'roles: { dev: toolchain }\ndev: { envFile: .env.dev }\n' });
    const missing = await slipway(['dev', 'up', '--cwd', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('slipway: error: dev.envFile: cannot read .env.dev (ENOENT)');
    writeFileSync(join(dir, '.env.dev'), 'OK=1\nNOT OK=2\n');
    const bad = await slipway(['dev', 'up', '--cwd', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(".env.dev:2:1: error SW-ENVFILE variable 'NOT OK' contains whitespace");
  });

  it('exec needs a command; arguments where none are taken are bad input', async () => {
    const dir = tiny({ 'slipway.yaml': 'roles: { dev: toolchain }\n' });
    const r = await slipway(['dev', 'status', 'extra', '--cwd', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("slipway dev status takes no arguments, got 'extra'");
    const none = await slipway(['dev', 'exec', '--cwd', dir, '--']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('slipway dev exec: no command given');
  });
});

describe('slipway devcontainer', () => {
  it("writes .devcontainer/devcontainer.json that @devcontainers/cli reads back: this repository's Dockerfile, dev target, workspace", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-devc-'));
    dirs.push(dir);
    for (const f of ['docker', 'slipway.yaml', 'package.json'])
      cpSync(join(REPO, f), join(dir, f), { recursive: true });
    cpSync(join(REPO, 'example/package.json'), join(dir, 'example/package.json'));
    cpSync(join(REPO, 'example/package-lock.json'), join(dir, 'example/package-lock.json'));
    const w = await slipway(['devcontainer', '--cwd', dir]);
    expect(w.stderr).toBe('');
    expect(w.stdout).toBe('wrote .devcontainer/devcontainer.json\n');
    const file = join(dir, '.devcontainer/devcontainer.json');
    expect(readFileSync(file, 'utf8')).toBe(
      readFileSync(join(REPO, '.devcontainer/devcontainer.json'), 'utf8'),
    );
    expect(devcontainerProblems(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
    expect((await slipway(['devcontainer', '--cwd', dir, '--check'])).code).toBe(0);

    // read-configuration is no validator, but it says what the tools resolve from the file.
    const out = execFileSync(
      process.execPath,
      [DEVCONTAINER_CLI, 'read-configuration', '--workspace-folder', dir],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const read = JSON.parse(out) as {
      configuration: {
        build: { dockerfile: string; context: string; target: string };
        configFilePath: { fsPath: string };
      };
      workspace: { workspaceFolder: string; workspaceMount: string };
    };
    const at = dirname(read.configuration.configFilePath.fsPath);
    expect(resolve(at, read.configuration.build.dockerfile)).toBe(join(dir, 'docker/Dockerfile'));
    expect(existsSync(resolve(at, read.configuration.build.dockerfile))).toBe(true);
    expect(resolve(at, read.configuration.build.context)).toBe(dir);
    expect(read.configuration.build.target).toBe('dev');
    expect(read.workspace.workspaceFolder).toBe('/app');
    expect(read.workspace.workspaceMount).toBe(`source=${dir}/example,target=/app,type=bind`);

    writeFileSync(file, '{"name": "edited"}\n');
    const stale = await slipway(['devcontainer', '--cwd', dir, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('slipway: error: .devcontainer/devcontainer.json is out of date: line 1');
  });
});

describe('slipway scripts', () => {
  it('this repository is in sync; another repository gets the helpers added, its own scripts kept', async () => {
    const here = await slipway(['scripts', '--check']);
    expect(here.stderr).toBe('');
    expect(here.stdout).toBe('package.json: up to date\n');

    const dir = tiny({
      Dockerfile: 'FROM scratch AS base\nCOPY busybox /bin/busybox\nFROM base AS dev\n',
      'docker/goss.base.yaml': 'file: {}\n',
      'package.json': '{\n  "name": "other",\n  "scripts": {\n    "test": "node --test"\n  }\n}\n',
    });
    const check = await slipway(['scripts', '--check', '--cwd', dir]);
    expect(check.code).toBe(1);
    const w = await slipway(['scripts', '--cwd', dir]);
    expect(w.stdout).toBe('wrote package.json\n');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts).toEqual({
      test: 'node --test',
      'build:base-container': 'slipway build base',
      'build:dev-container': 'slipway build dev',
      'test:base-container': 'slipway test base',
      'dev:up': 'slipway dev up',
      'dev:shell': 'slipway dev shell',
      'dev:down': 'slipway dev down',
    });
    expect((await slipway(['scripts', '--check', '--cwd', dir])).code).toBe(0);
  });
});
