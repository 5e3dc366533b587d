import { describe, expect, it } from 'vitest';
import { type Node, parseDocument } from 'yaml';
import { decodeSetting, GO_INT_TAG, goInt, goText } from '../../../src/gossfile/go-yaml.js';
import type { AttributeKind } from '../../../src/gossfile/resources/module.js';
import { load } from './helpers.js';

/** A document whose value `v` is the given YAML scalar or collection. */
const node = (yaml: string) => {
  const doc = parseDocument(`v: ${yaml}\n`, { customTags: (t) => [GO_INT_TAG, ...t] });
  return { doc, v: doc.get('v', true) as Node };
};
const value = (yaml: string) => node(yaml).v.toJS(node(yaml).doc);
const decode = (kind: AttributeKind, yaml: string) => {
  const { doc, v } = node(yaml);
  return decodeSetting(kind, v, doc);
};

describe("goss's YAML decoder (yaml.v3) where it differs from YAML 1.2's core schema", () => {
  it('reads plain integers as Go ParseInt(s, 0) does, underscores dropped', () => {
    expect(goInt('0755')).toBe(493);
    expect(goInt('-0755')).toBe(-493);
    expect(goInt('0o755')).toBe(493);
    expect(goInt('0X1f')).toBe(31);
    expect(goInt('0b101')).toBe(5);
    expect(goInt('1_000')).toBe(1000);
    expect(goInt('0')).toBe(0);
    expect([value('0755'), value('00'), value('755'), value('1_000'), value('0b11')]).toEqual([
      493, 0, 755, 1000, 3,
    ]);
    // not Go integers: floats and strings as the core schema reads them
    expect([value('089'), value('1.50'), value('"0755"'), value('0x'), value('12:30')]).toEqual([
      89,
      1.5,
      '0755',
      '0x',
      '12:30',
    ]);
  });

  it('a Go string takes any scalar as written; null is the empty string', () => {
    expect(goText(node('true').v)).toBe('true');
    expect(goText(node('1.50').v)).toBe('1.50');
    expect(goText(node('0755').v)).toBe('0755');
    expect(goText(node('"x"').v)).toBe('x');
    expect(goText(node('~').v)).toBe('');
    expect(goText(node('[a]').v)).toBeUndefined();
  });

  it('typed settings: what goss takes and what it refuses to load', () => {
    expect(decode('string', 'true')).toEqual({ ok: true, value: 'true' });
    expect(decode('string', '{a: 1}')).toMatchObject({ ok: false });
    expect(decode('int', '1.9')).toEqual({ ok: true, value: 1 });
    expect(decode('int', '0100')).toEqual({ ok: true, value: 64 });
    expect(decode('int', '"500"')).toMatchObject({ ok: false, expected: 'a number', got: '"500"' });
    expect(decode('int', 'true')).toMatchObject({ ok: false });
    for (const yes of ['yes', 'Y', 'on', '"ON"'])
      expect(decode('bool', yes)).toEqual({ ok: true, value: true });
    for (const no of ['no', 'n', 'OFF', 'False'])
      expect(decode('bool', no)).toEqual({ ok: true, value: false });
    expect(decode('bool', '"true"')).toMatchObject({ ok: false });
    expect(decode('bool', '1')).toMatchObject({ ok: false });
    expect(decode('string-list', '[1, true, "x: y"]')).toEqual({ ok: true, value: ['1', 'true', 'x: y'] });
    expect(decode('string-list', 'x')).toMatchObject({ ok: false });
    expect(decode('string-or-list', 'false')).toEqual({ ok: true, value: 'false' });
    expect(decode('string-or-list', '[sh, -c, "exit 0"]')).toEqual({
      ok: true,
      value: ['sh', '-c', 'exit 0'],
    });
    expect(decode('map', '[a]')).toMatchObject({ ok: false });
  });

  it('a scalar tagged !!str is a string: `mode: !!str 0755` is "0755", not the octal number', () => {
    const r = load('file:\n  /a:\n    exists: true\n    mode: !!str 0755\n    size: !!int 010\n');
    expect(r.diagnostics.map((d) => d.replace(/ '.*$/, ''))).toEqual([
      'goss.yaml:5:17: warning SPEC018 file',
    ]);
    expect(r.resources[0]?.properties.map((p) => [p.name, p.value])).toEqual([
      ['exists', true],
      ['mode', '0755'],
      ['size', 8],
    ]);
  });

  it("an alias used as a key is its anchor's value: a resource id, an attribute name", () => {
    const r = load(
      'group:\n  &k root: {exists: true}\nuser: {*k : {exists: true}}\nfile:\n  /a: {&e exists: true}\n  /b: {*e : true}\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => [x.type, x.id, x.properties.map((p) => p.name)])).toEqual([
      ['group', 'root', ['exists']],
      ['user', 'root', ['exists']],
      ['file', '/a', ['exists']],
      ['file', '/b', ['exists']],
    ]);
    expect(load('file:\n  /a: &m {exists: true}\n  *m : {exists: true}\n').diagnostics).toEqual([
      'goss.yaml:3:3: error SPEC007 file: a resource key must be a string, got a mapping',
    ]);
  });

  it('keys are Go strings as written, and an empty target setting means the key', () => {
    const r = load(
      'file:\n  0755:\n    exists: true\ncommand:\n  echo hi:\n    exec: ""\n    exit-status: 0\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => [x.id, x.options.path ?? x.options.exec])).toEqual([
      ['0755', '0755'],
      ['echo hi', 'echo hi'],
    ]);
  });
});
