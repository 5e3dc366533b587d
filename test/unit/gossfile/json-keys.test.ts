import { describe, expect, it } from 'vitest';
import { load, where } from './helpers.js';

const props = (r: { properties: { name: string; value: unknown }[] } | undefined) =>
  Object.fromEntries((r?.properties ?? []).map((p) => [p.name, p.value]));

describe('a .json spec is decoded as goss decodes it: encoding/json, a later key wins', () => {
  it('a key given twice keeps the later value, with a located warning', () => {
    const r = load(
      {
        'goss.json':
          '{"file": {"/etc/passwd": {"exists": false}, "/etc/passwd": {"exists": true, "mode": "0644", "mode": "0600"}}}',
      },
      { main: 'goss.json' },
    );
    expect(r.diagnostics).toEqual([
      "goss.json:1:45: warning SPEC016 '/etc/passwd' given again: goss's JSON decoder keeps this value (the one at line 1, column 11 is dropped)",
      "goss.json:1:93: warning SPEC016 'mode' given again: goss's JSON decoder keeps this value (the one at line 1, column 77 is dropped)",
    ]);
    expect(r.resources).toHaveLength(1);
    expect(props(r.resources[0])).toEqual({ exists: true, mode: '0600' });
  });

  it('a whole type given twice: the later replaces the earlier', () => {
    const r = load(
      { 'goss.json': '{"file": {"/a": {"exists": true}},\n "file": {"/b": {"exists": true}}}' },
      { main: 'goss.json' },
    );
    expect(where(r.diagnostics)).toEqual(['goss.json:2:2 SPEC016']);
    expect(r.resources.map((x) => x.id)).toEqual(['/b']);
  });

  it('the spec given decides: its includes are read with the same decoder, a .yaml spec refuses duplicates', () => {
    const dup = '{"file": {"/a": {"exists": false}, "/a": {"exists": true}}}';
    const viaJson = load(
      { 'goss.json': '{"gossfile": {"part.yaml": {}}}', 'part.yaml': dup },
      { main: 'goss.json' },
    );
    expect(where(viaJson.diagnostics)).toEqual(['part.yaml:1:36 SPEC016']);
    const viaYaml = load({ 'goss.yaml': 'gossfile:\n  part.json: {}\n', 'part.json': dup });
    expect(viaYaml.diagnostics).toEqual(['part.json:1:36: error SPEC002 Map keys must be unique']);
  });
});
