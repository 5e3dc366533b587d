import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';

const spec = (text: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-cli-spec-'));
  writeFileSync(join(dir, 'goss.yaml'), text);
  return dir;
};

// Every case stops before the engine is asked for anything: the spec is refused first.
describe('slipway test: spec problems before any container starts (CLI, no engine)', () => {
  it('an error (what goss refuses at load) is located, exit 2', async () => {
    const dir = spec('command:\n  x:\n    exit-status: 0\n    timeout: "10"\n');
    const r = await slipway(['test', '--image', 'none:never', '--spec', 'goss.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `goss.yaml:4:14: error SPEC007 command 'x': 'timeout' expects a number, got "10" (goss refuses to load it)`,
    );
  });

  it('--strict: a warning (what goss runs but reports failed) is an error, exit 2', async () => {
    const dir = spec('file:\n  /bin/sh:\n    exists: true\n    mode: 0755\n');
    const r = await slipway(['test', '--image', 'none:never', '--spec', 'goss.yaml', '--strict'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `goss.yaml:4:11: error SPEC018 file '/bin/sh': 'mode': goss's YAML reads 0755 as the octal number 493`,
    );
    expect(r.stderr).toContain('slipway: error: container test spec has warnings (--strict)');
  });
});

describe('slipway test: the project as slipway build reads it (CLI, no engine)', () => {
  it('-f and --build-arg name the Dockerfile and its arguments, as for build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-cli-spec-'));
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build/App.dockerfile'), 'FROM scratch AS web\n');
    // A stage without a spec is refused after the project is read, before the engine is asked for anything.
    const r = await slipway(['test', 'web', '-f', 'build/App.dockerfile', '--build-arg', 'A=1'], {
      cwd: dir,
    });
    expect(r.stderr).toContain(`stage 'web' has no spec (docker/goss.web.yaml)`);
    expect(r.code).toBe(2);
  });
});

describe('slipway add and edit: the project of -f (CLI, no engine)', () => {
  it.each([[['add', 'file', '/etc/passwd', '--stage', 'nope']], [['edit', 'nope']]])(
    '%j -f reads that Dockerfile: an unknown stage lists its stages',
    async (args) => {
      const dir = mkdtempSync(join(tmpdir(), 'slipway-cli-spec-'));
      mkdirSync(join(dir, 'build'));
      writeFileSync(join(dir, 'build/App.dockerfile'), 'FROM scratch AS web\n');
      const r = await slipway([...args, '-f', 'build/App.dockerfile'], { cwd: dir });
      expect(r.stderr).toContain(`unknown stage 'nope'`);
      expect(r.stderr).toContain('stages in build/App.dockerfile: web');
      expect(r.code).toBe(2);
    },
  );
});
