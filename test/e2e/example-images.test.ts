import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/stages/build-stages.js';
import { slipway } from '../helpers/cli.js';
import { docker, exec, leftovers } from '../helpers/engine.js';
import { type LayerScan, scanImageArchive } from '../helpers/image-layers.js';

const STAGES = ['base', 'build', 'dev', 'project', 'ci', 'release'];
const tag = (s: string) => `slipway-example:${s}`;

/**
 * This repository's own Dockerfile, every stage built once for the whole file with an extra CA bundle that
 * carries a marker certificate made for this run; then the release contract and the secret hygiene are checked.
 */
describe('the example service through the hierarchy (real engine, real builds)', () => {
  let report: BuildReport;
  let dir: string;
  let marker: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-e2e-'));
    const cn = `slipway-marker-${process.pid}-${Date.now()}`;
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        `/CN=${cn}`,
        '-days',
        '1',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'marker.pem'),
      ],
      { stdio: 'ignore' },
    );
    const pem = readFileSync(join(dir, 'marker.pem'), 'utf8');
    // A line of the marker's base64 body: if it is anywhere in an image, the CA leaked.
    marker = pem.split('\n')[5] as string;
    let host = '';
    try {
      host = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
    } catch {
      /* no host bundle: the marker alone */
    }
    writeFileSync(join(dir, 'ca.pem'), `${host}\n${pem}`);
    const r = await slipway(['build', '--all', '--ca', join(dir, 'ca.pem'), '--quiet', '--format', 'json']);
    if (r.code !== 0) throw new Error(`slipway build --all failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    report = JSON.parse(r.stdout) as BuildReport;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds every stage of the hierarchy and names the CA source', () => {
    expect(report.stages.map((s) => [s.stage, s.status])).toEqual(STAGES.map((s) => [s, 'built']));
    expect(report.ca).toBe(join(dir, 'ca.pem'));
  });

  it('release runs as the non-root app user, with a healthcheck and the service port', async () => {
    const { Config } = await docker.getImage(tag('release')).inspect();
    expect(Config.User).toBe('app');
    expect(Object.keys(Config.ExposedPorts ?? {})).toEqual(['3000/tcp']);
    expect((Config as { Healthcheck?: { Test?: string[] } }).Healthcheck?.Test?.[0]).toBe('CMD');
    expect((await exec(tag('release'), ['id', '-u'])).stdout.trim()).toBe('10001');
  });

  it('release has no compiler, no python, no make, no devDependencies and no TypeScript sources', async () => {
    const tools = await exec(tag('release'), [
      'sh',
      '-c',
      'for t in gcc g++ cc make python3 tsc; do command -v $t; done; true',
    ]);
    expect(tools.stdout).toBe('');
    const ts = await exec(tag('release'), ['find', '/app', '-name', '*.ts', '-not', '-name', '*.d.ts']);
    expect(ts.stdout).toBe('');
    const pkg = JSON.parse((await exec(tag('release'), ['cat', '/app/package.json'])).stdout) as {
      devDependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.devDependencies).length).toBeGreaterThan(0);
    const present = await exec(tag('release'), [
      'sh',
      '-c',
      `cd /app/node_modules && ls -d ${Object.keys(pkg.devDependencies).join(' ')} 2>/dev/null; true`,
    ]);
    expect(present.stdout).toBe('');
  });

  it('the native module loads in release, and it is the very binary compiled in build (compiled once)', async () => {
    const load = await exec(tag('release'), [
      'node',
      '-e',
      "console.log(new (require('/app/node_modules/better-sqlite3'))(':memory:').prepare('select sqlite_version() v').get().v)",
    ]);
    expect(load.code).toBe(0);
    expect(load.stdout).toMatch(/^3\.\d+\.\d+/);
    const sum = async (s: string, path: string) =>
      (await exec(tag(s), ['sha256sum', path])).stdout.split(' ')[0];
    const so = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    const built = await sum('build', `/app/${so}`);
    expect(built).toMatch(/^[0-9a-f]{64}$/);
    expect(await sum('release', `/app/${so}`)).toBe(built);
    expect(await sum('ci', `/artefact/${so}`)).toBe(built);
  });

  it('dev, project and ci stand on build’s layers (npm ci ran once); release is base’s layers plus the artefact', async () => {
    const layers = async (s: string) => (await docker.getImage(tag(s)).inspect()).RootFS.Layers ?? [];
    const build = await layers('build');
    for (const s of ['dev', 'project', 'ci']) expect((await layers(s)).slice(0, build.length)).toEqual(build);
    const base = await layers('base');
    const release = await layers('release');
    expect(release.slice(0, base.length)).toEqual(base);
    expect(release.length).toBe(base.length + 1);
    const npmCi = async (s: string) =>
      (await docker.getImage(tag(s)).history()).filter((h: { CreatedBy: string }) =>
        /npm ci\b/.test(h.CreatedBy),
      ).length;
    expect(await npmCi('build')).toBe(1);
    expect(await npmCi('ci')).toBe(1);
    expect(await npmCi('release')).toBe(0);
  });

  it('release is no bigger than base + artefact + 5%', async () => {
    const size = async (s: string) => (await docker.getImage(tag(s)).inspect()).Size;
    const artefact = Number((await exec(tag('ci'), ['du', '-sb', '/artefact'])).stdout.split('\t')[0]);
    expect(artefact).toBeGreaterThan(1_000_000);
    expect(await size('release')).toBeLessThanOrEqual(((await size('base')) + artefact) * 1.05);
  });

  it('no certificate, token or .npmrc is in any layer, history or config of any stage', async () => {
    for (const s of STAGES) {
      const info = await docker.getImage(tag(s)).inspect();
      const config = JSON.stringify(info.Config);
      expect(config).not.toContain('NODE_EXTRA_CA_CERTS');
      expect(config).not.toContain('BEGIN CERTIFICATE');
      const history = JSON.stringify(await docker.getImage(tag(s)).history());
      expect(history).not.toContain(marker);
      expect(history).not.toContain('BEGIN CERTIFICATE');
      expect(history).not.toMatch(/_authToken|NPM_TOKEN/);
    }
    // Every layer of every stage (project, ci and release together hold all of them), file by file.
    const scan = await scanLayers(['project', 'ci', 'release'].map(tag), marker);
    // Not vacuous: every layer the archive lists was read file by file, and there are many.
    expect(scan.listed).toBeGreaterThan(5);
    expect(scan.scanned).toBe(scan.listed);
    expect(scan.found).toEqual([]);
  }, 600_000);

  it('`slipway pipeline` ends with the release image serving the API, data surviving a restart, nothing left behind', async () => {
    // --force: the run must do everything even when this checkout's history holds a green run already.
    const r = await slipway(['pipeline', '--quiet', '--force']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok\s+POST \/notes\s+201/);
    expect(r.stdout).toMatch(/ok\s+restart\s+stopped gracefully \(exit 0\)/);
    expect(r.stdout).toMatch(/ok\s+GET \/notes\/\{id\}\s+200/);
    expect(r.stdout).toMatch(/PASSED in /);
    expect(await leftovers()).toEqual([]);
  }, 900_000);
});

/** Streams `docker save` of the images through the scan (either archive layout). */
async function scanLayers(images: string[], needle: string): Promise<LayerScan> {
  const save = spawn('docker', ['save', ...images], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => save.on('close', resolve));
  const scan = await scanImageArchive(save.stdout, needle);
  expect(await exited).toBe(0);
  return scan;
}
