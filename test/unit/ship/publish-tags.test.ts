import { describe, expect, it } from 'vitest';
import { ciSettings } from '../../../src/ci/settings.js';
import { parseConfig } from '../../../src/config/load.js';
import { tagsToPublish } from '../../../src/ship/publish.js';
import { modelOf } from '../../helpers/ci.js';

const ci = { sha: 'abc123', branch: 'main', gitTag: 'v1.2.3' };
const project = (dockerfile: string, config = 'image: t\n') => ({
  config: parseConfig(config, '/r/slipway.yaml'),
  model: modelOf(dockerfile),
});
const tags = (p: ReturnType<typeof project>, stage: string) => {
  const t = tagsToPublish(p, { stage, ci, extraTags: [] });
  return [...t.immutable, ...t.moving];
};
const PLAIN = ['abc123', 'v1.2.3', '1.2', 'latest', 'main'];

describe('publish: the release stage gets the plain release tags, whatever its name', () => {
  it('the stage the generated CI publishes is the release: the last named stage when none is called release', () => {
    const p = project('FROM alpine:3.20 AS base\nFROM base AS final\n');
    const published = ciSettings(p.config, p.model, '9.9.9').publish as string;
    expect(published).toBe('final');
    expect(tags(p, published)).toEqual(PLAIN);
    expect(tags(p, 'base')).toEqual(PLAIN.map((t) => `base-${t}`));
  });

  it('the stage of roles.release, and the stage named release by default', () => {
    const named = project('FROM alpine:3.20 AS release\nFROM release AS tools\n');
    expect(tags(named, 'release')).toEqual(PLAIN);
    expect(tags(named, 'tools')).toEqual(PLAIN.map((t) => `tools-${t}`));
    const role = project(
      'FROM alpine:3.20 AS Shipit\nFROM shipit AS debug\n',
      'image: t\nroles: { release: ShipIt }\n',
    );
    expect(ciSettings(role.config, role.model, '9.9.9').publish).toBe('shipit');
    expect(tags(role, 'shipit')).toEqual(PLAIN);
    expect(tags(role, 'debug')).toEqual(PLAIN.map((t) => `debug-${t}`));
  });

  it('an explicit choice wins: release: false prefixes even the release stage', () => {
    const p = project('FROM alpine:3.20 AS final\n');
    const t = tagsToPublish(p, { stage: 'final', release: false, ci, extraTags: [] });
    expect(t.immutable).toEqual(['final-abc123', 'final-v1.2.3']);
  });
});
