import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCa } from '../../../src/engine/ca.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-ca-'));
const bundle = join(dir, 'bundle.pem');
writeFileSync(bundle, '-----BEGIN CERTIFICATE-----\n');
const home = join(dir, 'home');

describe('resolveCa', () => {
  it('prefers --ca, then config, then NODE_EXTRA_CA_CERTS, then npm cafile', () => {
    const env = { HOME: home, PREFIX: dir, NODE_EXTRA_CA_CERTS: bundle };
    expect(resolveCa({ flag: bundle, env })?.from).toBe('--ca');
    expect(resolveCa({ config: bundle, env })?.from).toBe('slipway.yaml ca');
    expect(resolveCa({ env })).toEqual({ file: bundle, from: 'NODE_EXTRA_CA_CERTS' });
    expect(resolveCa({ env: { HOME: home, PREFIX: dir, npm_config_cafile: bundle } })?.from).toBe(
      'npm_config_cafile',
    );
  });

  it('reads cafile from ~/.npmrc', () => {
    const h = mkdtempSync(join(tmpdir(), 'slipway-home-'));
    writeFileSync(join(h, '.npmrc'), `registry=https://registry.npmjs.org/\ncafile = ${bundle}\n`);
    expect(resolveCa({ env: { HOME: h, PREFIX: dir } })).toEqual({
      file: bundle,
      from: 'npm cafile (~/.npmrc)',
    });
  });

  it('an unreadable explicit file is an error; a stale discovered one is skipped', () => {
    expect(() => resolveCa({ flag: join(dir, 'missing.pem'), env: {} })).toThrow(/--ca: cannot read CA file/);
    expect(
      resolveCa({ env: { HOME: home, PREFIX: dir, NODE_EXTRA_CA_CERTS: join(dir, 'gone.pem') } }),
    ).toBeNull();
  });
});
