import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveRecord } from '../../src/history/store.js';
import { slipway } from '../helpers/cli.js';
import { DOCKERFILE, failingRun, previousRun } from '../helpers/report-fixture.js';

/** A repository with the fixture's Dockerfile and, unless told otherwise, its two recorded runs. */
function repo(withHistory = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-report-'));
  writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
  writeFileSync(join(dir, 'slipway.yaml'), 'image: shop\n');
  if (withHistory) {
    saveRecord(dir, previousRun());
    saveRecord(dir, failingRun());
  }
  return dir;
}

interface Json {
  run: { id: string; ok: boolean };
  stale: { stale: boolean; text: string | null };
  stages: { name: string; status: string; size: { deltaBytes: number | null } }[];
}

describe('slipway report (CLI, no engine)', () => {
  it('json of the last recorded run, with its history; says the record is older than the working tree', async () => {
    const r = await slipway(['report', '--format', 'json', '--cwd', repo()]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as Json;
    expect(d.run.id).toBe(failingRun().id);
    expect(d.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      'base:cached',
      'build:tested',
      'dev:skipped',
      'ci:built',
      'release:failed',
    ]);
    expect(d.stages.find((s) => s.name === 'release')?.size.deltaBytes).toBe(25_900_000);
    // The fixture's run ended in 2026-11: the Dockerfile written now is newer (no git here: by mtime).
    expect(d.stale).toEqual({ stale: true, text: 'changed since the run ended: Dockerfile, slipway.yaml' });
    expect(r.stderr).toContain('slipway: note: the record is older than the working tree');
  });

  it('--out FILE: the format from the extension; html with the laid-out graph', async () => {
    const dir = repo();
    const r = await slipway(['report', '--out', 'out/report.html', '--cwd', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`wrote the html report of run ${failingRun().id} to out/report.html`);
    const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/class="node stage status-/g)).toHaveLength(5);
    const md = await slipway(['report', '--cwd', dir]);
    expect(md.stdout).toMatch(/^## ✗ slipway pipeline: FAILED/);
    expect(md.stdout).toContain('```mermaid');
  });

  it('no record: exit 2 and the way out', async () => {
    const r = await slipway(['report', '--cwd', repo(false)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('slipway: error: no recorded run in .slipway/runs');
    expect(r.stderr).toContain('hint: run slipway pipeline first');
    const bad = await slipway(['report', '--cwd', repo(false), '--records', 'nowhere']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('no run records at')]);
  });

  it('a record of the right schema with fields missing, and an --out that cannot be written: exit 2, located', async () => {
    const dir = repo(false);
    writeFileSync(join(dir, 'partial.json'), '{"schema":1,"stages":[]}');
    const partial = await slipway(['report', '--records', 'partial.json', '--cwd', dir]);
    expect([partial.code, partial.stderr]).toEqual([
      2,
      expect.stringContaining('partial.json is not a slipway run record (schema 1): id: expected the run id'),
    ]);
    writeFileSync(join(dir, 'file'), '');
    const out = await slipway(['report', '--out', 'file/report.html', '--cwd', repo()]);
    const inTheWay = await slipway(['report', '--out', join(dir, 'file', 'report.html'), '--cwd', repo()]);
    expect(out.code).toBe(0); // a fresh repository: file/ is made
    expect([inTheWay.code, inTheWay.stderr]).toEqual([
      2,
      expect.stringMatching(/cannot mkdir .*file: a file is in the way/),
    ]);
    expect(inTheWay.stderr).not.toContain('internal error');
  });

  it('--records DIR: the per-job records a CI run carried, merged into one run', async () => {
    const dir = repo(false);
    const records = join(dir, '.slipway', 'records');
    mkdirSync(records, { recursive: true });
    const run = failingRun();
    for (const s of run.stages)
      writeFileSync(
        join(records, `${s.name}.json`),
        JSON.stringify({ ...run, id: `job-${s.name}`, kind: 'ci-job', stages: [s] }),
      );
    const r = await slipway(['report', '--format', 'json', '--records', '.slipway/records', '--cwd', dir]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as Json;
    expect(d.run.id).toMatch(/^merged-/);
    expect(d.run.ok).toBe(false);
    expect(d.stages.map((s) => s.status)).toEqual(['cached', 'tested', 'skipped', 'built', 'failed']);
    writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
    const one = await slipway(['report', '--format', 'json', '--records', 'run.json', '--cwd', dir]);
    expect((JSON.parse(one.stdout) as Json).run.id).toBe(run.id);
    writeFileSync(join(records, 'junk.json'), '{"hello": 1}');
    const junk = await slipway(['report', '--records', '.slipway/records', '--cwd', dir]);
    expect([junk.code, junk.stderr]).toEqual([
      2,
      expect.stringContaining('junk.json is not a slipway run record'),
    ]);
  });

  it('graph --status overlays the last recorded outcome on ascii and mermaid', async () => {
    const dir = repo();
    const a = await slipway(['graph', '--status', '--format', 'ascii', '--cwd', dir]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Status: ✗ FAILED 352.4 MB');
    expect(a.stdout).toContain('Status: – SKIPPED');
    expect(a.stdout).toContain(`Status: the last recorded outcome (run ${failingRun().id}).`);
    const m = await slipway(['graph', '--status', '--format', 'mermaid', '--cwd', dir]);
    expect(m.stdout).toContain('s_release["<b>release</b><br/>✗ FAILED 352.4 MB"]:::failed');
    expect(m.stdout).toContain('classDef failed fill:#fecaca');
    const none = await slipway(['graph', '--status', '--cwd', repo(false)]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('run slipway pipeline first')]);
  });
});
