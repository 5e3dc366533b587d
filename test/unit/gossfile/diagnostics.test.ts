import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, loadVars } from '../../../src/gossfile/index.js';
import { load, specDir, where } from './helpers.js';

describe('each diagnostic code, at the exact file:line:col', () => {
  it('SPEC001 unreadable gossfile', () => {
    const dir = specDir({});
    const r = loadSpec(join(dir, 'missing.yaml'), { env: {}, vars: {} });
    expect(r.spec).toEqual({ files: [], rendered: [], resources: [] });
    expect(r.diagnostics).toMatchObject([
      {
        code: 'SPEC001',
        severity: 'error',
        range: { start: { line: 1, column: 1 } },
        message: 'cannot read gossfile: ENOENT',
      },
    ]);
  });

  it('SPEC002 YAML syntax, including a type declared twice', () => {
    expect(load('file:\n  /a:\n    exists: true\nfile:\n  /b:\n    exists: true\n').diagnostics).toEqual([
      'goss.yaml:4:1: error SPEC002 Map keys must be unique',
    ]);
    expect(where(load('file:\n  /a: [\n').diagnostics)).toEqual(['goss.yaml:3:1 SPEC002']);
  });

  it('SPEC003 template error, at the pipeline inside the action', () => {
    expect(load('file:\n  /a:\n    exists: {{ .Env.NOPE }}\n').diagnostics).toEqual([
      'goss.yaml:3:16: error SPEC003 template: map has no entry for key "NOPE" (at <.Env.NOPE>)',
    ]);
    expect(where(load('command:\n  {{ if .Vars.x }}x\n').diagnostics)).toEqual(['goss.yaml:2:3 SPEC003']);
    expect(where(load('a: {{ nope 1 }}\n').diagnostics)).toEqual(['goss.yaml:1:7 SPEC003']);
  });

  it('SPEC004 unsupported template construct or function', () => {
    expect(load('{{ define "x" }}a{{ end }}\n').diagnostics).toEqual([
      'goss.yaml:1:1: error SPEC004 template: unsupported template construct {{define}}',
    ]);
    expect(load('\n\nx: {{ readFile "/etc/token" }}\n').diagnostics).toEqual([
      "goss.yaml:3:7: error SPEC004 template: function 'readFile' is not supported: it reads a file on the machine running the tests",
    ]);
  });

  it('SPEC005 unknown resource type, with did-you-mean', () => {
    const d = load('fiel:\n  /a:\n    exists: true\n').diagnostics;
    expect(where(d)).toEqual(['goss.yaml:1:1 SPEC005']);
    expect(d[0]).toContain("unknown resource type 'fiel' (did you mean 'file'?)");
  });

  it('SPEC006 unknown attribute, with did-you-mean', () => {
    const d = load('file:\n  /a:\n    exists: true\n    onwer: root\n').diagnostics;
    expect(where(d)).toEqual(['goss.yaml:4:5 SPEC006']);
    expect(d[0]).toContain("file '/a': unknown attribute 'onwer' (did you mean 'owner'?)");
  });

  it('SPEC007 what goss refuses to load (or cannot run at all): an error', () => {
    const d = load(`file:
  /a:
    exists: true
    skip: maybe
  /b: yes
command:
  x:
    exit-status: zero
    timeout: "10"
    exec: [a, {b: c}]
http:
  http://x/:
    status: 200
    request-headers: "Accept: json"
    allow-insecure: "true"
    method: {get: 1}
`).diagnostics;
    expect(where(d)).toEqual([
      'goss.yaml:4:11 SPEC007',
      'goss.yaml:5:7 SPEC007',
      'goss.yaml:8:18 SPEC007',
      'goss.yaml:9:14 SPEC007',
      'goss.yaml:10:11 SPEC007',
      'goss.yaml:14:22 SPEC007',
      'goss.yaml:15:21 SPEC007',
      'goss.yaml:16:13 SPEC007',
    ]);
    expect(d[0]).toBe(
      "goss.yaml:4:11: error SPEC007 file '/a': 'skip' expects true or false, got \"maybe\" (goss refuses to load it)",
    );
    expect(d[3]).toBe(
      "goss.yaml:9:14: error SPEC007 command 'x': 'timeout' expects a number, got \"10\" (goss refuses to load it)",
    );
    expect(d.every((x) => x.split(' ')[1] === 'error')).toBe(true);
    expect(where(load('- file\n').diagnostics)).toEqual(['goss.yaml:1:1 SPEC007']);
    expect(where(load('file: [a]\n').diagnostics)).toEqual(['goss.yaml:1:7 SPEC007']);
    expect(load('file:\n  /a:\n').diagnostics).toEqual([
      "goss.yaml:2:3: error SPEC007 file '/a': expected a mapping of attributes, got nothing",
    ]);
    expect(where(load('file:\n  /a:\n    exists: {}\n').diagnostics)).toEqual(['goss.yaml:3:13 SPEC007']);
  });

  it("what goss's decoder puts into a typed setting is no problem: any scalar into a string, yes/no into a bool", () => {
    const r = load(`command:
  true:
    exec: true
    exit-status: 0
    timeout: 1.5
    skip: "no"
  v:
    exec: 1.50
    exit-status: 0
    title: 0755
http:
  http://x/:
    status: 200
    allow-insecure: yes
    request-headers: [1, "X-A: b"]
`);
    expect(r.diagnostics).toEqual([]);
    const [t, v, h] = r.resources;
    expect(t?.options).toMatchObject({ exec: 'true', timeout: 1 });
    expect(t?.skip).toBe(false);
    expect(v?.options.exec).toBe('1.50');
    expect(v?.title).toBe('0755');
    expect(h?.options['allow-insecure']).toBe(true);
    expect(h?.options['request-headers']).toEqual(['1', 'X-A: b']);
  });

  it('SPEC018 what goss runs but reports failed: a warning, and the property stays, failing as goss reports it', () => {
    const d = load(`file:
  /a:
    exists: 1
    mode: 0755
    uid: "root"
http:
  http://x/:
    status: "OK"
`).diagnostics;
    expect(d).toEqual([
      "goss.yaml:3:13: warning SPEC018 file '/a': 'exists': expects true or false (or a matcher), got 1; goss reports 'exists' as failed",
      "goss.yaml:4:11: warning SPEC018 file '/a': 'mode': goss's YAML reads 0755 as the octal number 493 (quote it: \"0755\"); goss reports 'mode' as failed",
      "goss.yaml:5:10: warning SPEC018 file '/a': 'uid': expects an integer (or a matcher), got \"root\"; goss reports 'uid' as failed",
      "goss.yaml:8:13: warning SPEC018 http 'http://x/': 'status': expects an integer (or a matcher), got \"OK\"; goss reports 'status' as failed",
    ]);
  });

  it('SPEC019 a second YAML document: goss decodes the first only, a located warning for the rest', () => {
    const r = load('file:\n  /a:\n    exists: true\n---\nfile:\n  /b: [\n--- x\n');
    expect(r.diagnostics).toEqual([
      'goss.yaml:4:1: warning SPEC019 a second YAML document: goss reads the first document only, this one and any after it are ignored',
    ]);
    expect(r.resources.map((x) => x.id)).toEqual(['/a']);
    expect(where(load('---\n---\nfile: {/a: {exists: true}}\n').diagnostics)).toEqual([
      'goss.yaml:2:1 SPEC019',
    ]);
    const vars = loadVars({ inline: 'a: 1\n---\nb: 2\n' });
    expect(vars.vars).toEqual({ a: 1 });
    expect(vars.diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([
      ['SPEC019', 'warning', 2],
    ]);
  });

  it('SPEC008 missing required attribute, at the resource key', () => {
    const d = load(
      'package:\n  tini:\n    versions: [1.0.0]\ncommand:\n  true:\n    stdout: []\n',
    ).diagnostics;
    expect(d).toEqual([
      "goss.yaml:2:3: warning SPEC008 package 'tini': missing required attribute 'installed' (goss reports 'installed' as failed)",
      "goss.yaml:5:3: warning SPEC008 command 'true': missing required attribute 'exit-status' (goss reports 'exit-status' as failed)",
    ]);
    expect(where(load('file:\n  /a:\n    exists:\n').diagnostics)).toEqual(['goss.yaml:2:3 SPEC008']);
  });

  it('SPEC009 unknown matcher, at its key (a warning: goss reports the property failed)', () => {
    const d = load('user:\n  app:\n    exists: true\n    groups:\n      contain-elemnt: app\n').diagnostics;
    expect(d).toEqual([
      "goss.yaml:5:7: warning SPEC009 user 'app': 'groups': unknown matcher 'contain-elemnt' (did you mean 'contain-element'?); goss reports 'groups' as failed",
    ]);
  });

  it('SPEC010 invalid matcher argument, at the argument', () => {
    const d = load('user:\n  app:\n    exists: true\n    uid: {and: [{gt: 1}, {lt: ten}]}\n').diagnostics;
    expect(where(d)).toEqual(['goss.yaml:4:31 SPEC010']);
    expect(d[0]).toContain('\'lt\' expects a number, got "ten"');
    expect(where(load('user:\n  app:\n    exists: true\n    uid: {gt: 1, lt: 9}\n').diagnostics)).toEqual([
      'goss.yaml:4:10 SPEC010',
    ]);
  });

  it('SPEC011 invalid regexp, in match-regexp and in a /re/ line pattern', () => {
    const d = load(`command:
  x:
    exit-status: 0
    stdout:
      - ok
      - /v(24/
    stderr: {match-regexp: "(?<=a)b"}
`).diagnostics;
    expect(where(d)).toEqual(['goss.yaml:6:9 SPEC011', 'goss.yaml:7:28 SPEC011']);
    expect(d[0]).toContain('invalid regexp in pattern "/v(24/"');
  });

  it('SPEC012 invalid semver constraint', () => {
    const d = load(
      'package:\n  node:\n    installed: true\n    versions: {semver-constraint: "~> 1.2"}\n',
    ).diagnostics;
    expect(where(d)).toEqual(['goss.yaml:4:35 SPEC012']);
  });

  it('SPEC013 gjson path outside the subset, at the path key', () => {
    const d = load(
      "command:\n  x:\n    exit-status: 0\n    stdout:\n      gjson:\n        'a.#(b==1)': 1\n",
    ).diagnostics;
    expect(where(d)).toEqual(['goss.yaml:6:9 SPEC013']);
  });

  it('SPEC014 include matching nothing, SPEC015 include cycle', () => {
    expect(load('gossfile:\n  missing/*.yaml: {}\n').diagnostics).toEqual([
      expect.stringMatching(/^goss\.yaml:2:3: error SPEC014 gossfile 'missing\/\*\.yaml': no file matches /),
    ]);
    const r = load({ 'goss.yaml': 'gossfile:\n  a.yaml: {}\n', 'a.yaml': '\ngossfile:\n  goss.yaml: {}\n' });
    expect(where(r.diagnostics)).toEqual(['a.yaml:3:3 SPEC015']);
    expect(r.diagnostics[0]).toMatch(/include cycle: \S*goss\.yaml -> \S*a\.yaml -> \S*goss\.yaml$/);
  });

  it('SPEC016 duplicate across files (warning), SPEC017 deprecations (warning)', () => {
    const r = load({
      'goss.yaml': 'gossfile:\n  b.yaml: {}\nfile:\n  /a:\n    exists: true\n',
      'b.yaml': 'file:\n  /a:\n    exists: false\n',
    });
    expect(r.diagnostics).toEqual([
      "b.yaml:2:3: warning SPEC016 file '/a' replaces the declaration at goss.yaml:4:3 (the later file wins)",
    ]);
    const d = load(
      'file:\n  /a:\n    exists: true\n    contains: [x]\ncommand:\n  x:\n    exit-status: "0"\n',
    ).diagnostics;
    expect(d).toEqual([
      "goss.yaml:4:5: warning SPEC017 file '/a': 'contains' is deprecated: renamed to 'contents'",
      "goss.yaml:7:18: warning SPEC017 command 'x': 'exit-status' should be an integer, not a string",
    ]);
  });

  it('positions inside templated files map back to the file as written', () => {
    const text =
      '{{- $dir := .Vars.dir }}\nfile:\n  {{ $dir }}/main.js:\n    exists: true\n    onwer: root\n  {{ $dir }}/x: {{ .Vars.bad }}\n';
    const r = load(text, { vars: { dir: '/app', bad: 'nope' } });
    expect(where(r.diagnostics)).toEqual(['goss.yaml:5:5 SPEC006', 'goss.yaml:6:17 SPEC007']);
    expect(r.resources.map((x) => x.id)).toEqual(['/app/main.js']);
  });

  it('odd input: nothing to check, or a located error — never a throw, never a resource made up', () => {
    const outcome = (text: string) => {
      const r = load(text);
      return { diagnostics: where(r.diagnostics), resources: r.resources.map((x) => `${x.type} ${x.id}`) };
    };
    const none = { diagnostics: [], resources: [] };
    expect(outcome('')).toEqual(none);
    expect(outcome('~\n')).toEqual(none);
    expect(outcome('file:\n')).toEqual(none);
    expect(outcome('42\n')).toEqual({ diagnostics: ['goss.yaml:1:1 SPEC007'], resources: [] });
    expect(outcome('file:\n  ? [a]\n  : {exists: true}\n')).toEqual({
      diagnostics: ['goss.yaml:2:5 SPEC007'],
      resources: [],
    });
    expect(outcome('{{')).toEqual({ diagnostics: ['goss.yaml:1:1 SPEC003'], resources: [] });
    expect(outcome('}}').diagnostics[0]).toBe('goss.yaml:1:1 SPEC002');
    expect(outcome('a: *x\n')).toEqual({ diagnostics: ['goss.yaml:1:4 SPEC002'], resources: [] });
  });
});
