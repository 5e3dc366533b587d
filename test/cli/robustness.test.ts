import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandFirst } from '../../src/cli/main.js';
import { slipway } from '../helpers/cli.js';

const BIN = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));

/** A Dockerfile whose graph JSON is far over a pipe's 64 KiB buffer. */
function largeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-large-'));
  const stages = Array.from({ length: 120 }, (_, i) =>
    [
      i === 0 ? 'FROM debian:bookworm AS s0' : `FROM s${i - 1} AS s${i}`,
      ...Array.from({ length: 10 }, (_, j) => `RUN echo stage-${i}-step-${j} > /tmp/f${j}`),
      `LABEL description="stage ${i} of a large Dockerfile, written to overflow a pipe"`,
    ].join('\n'),
  );
  writeFileSync(join(dir, 'Dockerfile'), `${stages.join('\n\n')}\n`);
  return dir;
}

describe('the CLI as a user meets it', () => {
  it('global options may come before the command', async () => {
    const dir = largeRepo();
    const r = await slipway(['--debug', '--cwd', dir, 'graph', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { stages: unknown[] }).stages).toHaveLength(120);
    const eq = await slipway([`--cwd=${dir}`, '-q', 'lint', '--format', 'json']);
    expect([0, 1]).toContain(eq.code);
    expect(eq.stderr).not.toMatch(/unknown command/);
  });

  it('global options before a command with subcommands (dev, ci) reach the subcommand; `--` keeps its place', async () => {
    const dir = largeRepo();
    const ci = await slipway(['--cwd', dir, 'ci', 'github', '--out', '-']);
    expect(ci.stderr).not.toMatch(/unknown subcommand/);
    expect([ci.code, ci.stdout]).toEqual([0, expect.stringContaining('jobs:')]);
    expect(commandFirst(['--cwd', 'x', 'dev', 'exec', '--', 'ls', '-q'])).toEqual([
      'dev',
      'exec',
      '--cwd',
      'x',
      '--',
      'ls',
      '-q',
    ]);
  });

  it('a reader that goes away (| head) ends the output quietly: no unhandled error, no stack trace', async () => {
    const dir = largeRepo();
    // A real shell pipe (an OS pipe of 64 KiB, as a user's `| head` has), not Node's socket pair.
    const script = `"$0" "$1" graph --format json --cwd "$2" 2>"$2/stderr" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const r = await new Promise<string>((resolve) => {
      const child = spawn('bash', ['-c', script, process.execPath, BIN, dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.on('close', () => resolve(out.trim()));
    });
    const stderr = readFileSync(join(dir, 'stderr'), 'utf8');
    expect(stderr).not.toMatch(/Unhandled|EPIPE|at .*\.js:\d+/);
    expect(r).toBe('0');
  });

  it('an engine that cannot be reached is an environment error (exit 3) with a hint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-noengine-'));
    writeFileSync(join(dir, 'spec.yaml'), 'file:\n  /etc/passwd: { exists: true }\n');
    const r = await slipway(['test', '--image', 'any:thing', '--spec', join(dir, 'spec.yaml')], {
      env: { DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}` },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/engine is unreachable/);
    expect(r.stderr).toMatch(/hint: /);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
