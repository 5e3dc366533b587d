import { describe, expect, it } from 'vitest';
import { load, where } from './helpers.js';

const props = (r: { properties: { name: string; value: unknown }[] } | undefined) =>
  Object.fromEntries((r?.properties ?? []).map((p) => [p.name, p.value]));

describe('YAML merge keys (<<), as yaml.v3 applies them', () => {
  it('a resource takes an anchored mapping in: its own attributes next to it', () => {
    const r = load(
      'file:\n  /etc/passwd: &p {exists: true, owner: root}\n  /etc/group:\n    <<: *p\n    mode: "0644"\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(props(r.resources[1])).toEqual({ exists: true, mode: '0644', owner: 'root' });
  });

  it("own keys win; in a list the earlier mapping wins; the last merge key only; a quoted '<<' is a key", () => {
    const r = load(
      [
        'file:',
        '  /a: &a {exists: true, owner: root, group: root}',
        '  /b: &b {exists: false, owner: bin, mode: "0600"}',
        '  /c:',
        '    owner: me',
        '    <<: [*a, *b]',
        '  /d: {<<: *b, <<: *a}',
        '',
      ].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(props(r.resources[2])).toEqual({ exists: true, mode: '0600', owner: 'me', group: 'root' });
    expect(props(r.resources[3])).toEqual({ exists: true, owner: 'root', group: 'root' });
    expect(where(load('file:\n  /a: {exists: true, "<<": {}}\n').diagnostics)).toEqual([
      'goss.yaml:2:22 SPEC006',
    ]);
  });

  it('at every level: resource entries, nested merges, values inside attributes', () => {
    const r = load(
      [
        'file:',
        '  <<: {/etc/hosts: &h {exists: true, meta: &m {team: core}}}',
        '  /etc/hostname:',
        '    <<: *h',
        '    meta: {<<: *m, tier: 1}',
        '',
      ].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => x.id)).toEqual(['/etc/hosts', '/etc/hostname']);
    expect(r.resources[1]?.meta).toEqual({ team: 'core', tier: 1 });
  });

  it('a merge value that is not a mapping (or a list of them) is a load error, located', () => {
    expect(load('file:\n  /a:\n    exists: true\n    <<: 3\n').diagnostics).toEqual([
      'goss.yaml:4:9: error SPEC007 map merge requires map or sequence of maps as the value (goss refuses to load it)',
    ]);
    expect(where(load('x: &l [{exists: true}]\nfile:\n  /a: {<<: *l}\n').diagnostics)).toContain(
      'goss.yaml:3:12 SPEC007',
    );
    expect(where(load('file:\n  /a:\n    contents: {<<: [1]}\n').diagnostics)).toContain(
      'goss.yaml:3:20 SPEC007',
    );
  });

  it('a problem in what was merged in is located in the anchor', () => {
    expect(
      load('file:\n  /a: &a {exists: 1}\n  /b: {<<: *a}\n').diagnostics.map((d) => d.slice(0, 28)),
    ).toEqual(['goss.yaml:2:19: warning SPEC', 'goss.yaml:2:19: warning SPEC']);
  });

  it('what a resource merges from a mapping written with .Env waits for the real env', () => {
    const spec = 'file:\n  /a: &a {exists: {{ .Env.E }}}\n  /b:\n    <<: *a\n';
    expect(load(spec, { envUnknown: true }).diagnostics).toEqual([]);
    expect(load(spec, { env: { E: 'true' } }).diagnostics).toEqual([]);
  });
});
