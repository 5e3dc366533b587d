import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';

const repo = (dockerfile: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-cli-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
};

describe('slipway graph and lint (CLI, no engine)', () => {
  it('graph of this repository: json by default when piped; ascii on request', async () => {
    const j = await slipway(['graph']);
    expect(j.code).toBe(0);
    const model = JSON.parse(j.stdout) as {
      stages: { name: string; inputFiles: number }[];
      dockerignore: string;
    };
    expect(model.stages.map((s) => s.name)).toEqual(['base', 'build', 'dev', 'project', 'ci', 'release']);
    expect(model.dockerignore).toBe('.dockerignore');
    expect(model.stages.find((s) => s.name === 'build')?.inputFiles).toBeGreaterThan(5);
    const a = await slipway(['graph', '--format', 'ascii', '--target', 'release']);
    expect(a.stdout).toContain('Name: release');
    expect(a.stdout).not.toContain('Name: dev');
  });

  it('lint of this repository is clean; sarif is SARIF 2.1.0', async () => {
    const t = await slipway(['lint']);
    expect([t.code, t.stdout.trim()]).toEqual([0, 'docker/Dockerfile: 0 error(s), 0 warning(s)']);
    const s = JSON.parse((await slipway(['lint', '--format', 'sarif'])).stdout) as {
      version: string;
      runs: { tool: { driver: { rules: unknown[] } } }[];
    };
    expect(s.version).toBe('2.1.0');
    expect(s.runs[0]?.tool.driver.rules.length).toBeGreaterThanOrEqual(11);
  });

  it('lint exits 1 on errors, 0 on warnings only', async () => {
    const errs = await slipway(['lint', '--cwd', repo('FROM node:24 AS base\nFROM base AS release\n')]);
    expect(errs.code).toBe(1);
    expect(errs.stdout).toMatch(/^Dockerfile:2:1: error SW106 the release stage 'release' runs as root/m);
    const warn = await slipway(['lint', '--cwd', repo('FROM node AS base\n')]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('Dockerfile:1:1: warning SW105');
  });

  it.each([
    ['', 'Dockerfile:1:1: error DF001'],
    ['RUN x\nFROM a:1\n', 'Dockerfile:1:1: error DF003'],
    ['FROM a:1\nNOPE x\n', 'Dockerfile:2:1: error DF004'],
    ['FROM a:1 AS x\nFROM a:1 AS x\n', 'Dockerfile:2:13: error DF005'],
  ])('bad input %j is a located error and exit 2, never a stack trace', async (text, expected) => {
    for (const cmd of ['graph', 'lint']) {
      const r = await slipway([cmd, '--cwd', repo(text)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });
});
