import { describe, expect, it } from 'vitest';
import { filepathMatch } from '../../../src/core/filepath-match.js';
import { glob, globError } from '../../../src/gossfile/glob.js';
import { load, specDir } from './helpers.js';

const proc = (name: string) => `process:\n  ${name}:\n    running: true\n`;

describe('gossfile includes', () => {
  it('follows relative paths from the including file, depth first, own resources first', () => {
    const r = load({
      'goss.yaml': `gossfile:\n  sub/b.yaml: {}\n  a.yaml: {}\n${proc('main')}`,
      'a.yaml': proc('a'),
      'sub/b.yaml': `gossfile:\n  c.yaml: {}\n${proc('b')}`,
      'sub/c.yaml': proc('c'),
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual(['goss.yaml', 'a.yaml', 'sub/b.yaml', 'sub/c.yaml']);
    expect(r.resources.map((x) => `${x.id}@${x.file.split('/').slice(-2).join('/')}`)).toEqual([
      expect.stringMatching(/^main@/),
      expect.stringMatching(/^a@/),
      expect.stringMatching(/^b@/),
      expect.stringMatching(/^c@/),
    ]);
  });

  it('expands globs (sorted), honours the file attribute and skip', () => {
    const r = load({
      'goss.yaml':
        'gossfile:\n  parts:\n    file: d/*.yaml\n  skipped.yaml:\n    skip: true\n  "d/[x]*.yaml": {skip: true}\n',
      'd/2.yaml': proc('two'),
      'd/1.yaml': proc('one'),
      'd/notes.txt': 'not yaml',
      'skipped.yaml': 'this: [is not valid',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual(['goss.yaml', 'd/1.yaml', 'd/2.yaml']);
  });

  it('a later file wins for the same type and key, with a warning', () => {
    const r = load({
      'goss.yaml': 'gossfile:\n  override.yaml: {}\nuser:\n  app:\n    exists: true\n    uid: 1000\n',
      'override.yaml': 'user:\n  app:\n    exists: true\n    uid: 10001\n',
    });
    expect(r.resources).toHaveLength(1);
    expect(r.resources[0]?.file).toMatch(/override\.yaml$/);
    expect(r.resources[0]?.properties[1]?.expected.test(10001).ok).toBe(true);
    expect(r.diagnostics).toEqual([
      "override.yaml:2:3: warning SPEC016 user 'app' replaces the declaration at goss.yaml:4:3 (the later file wins)",
    ]);
  });

  it('a file included twice is read once and replaces nothing of its own; across files the later wins', () => {
    const r = load({
      'goss.yaml': 'gossfile:\n  a.yaml: {}\n  b.yaml: {}\n  again:\n    file: a.yaml\n',
      'a.yaml': 'user:\n  app:\n    exists: true\n    uid: 1000\n  web:\n    title: no exists\n',
      'b.yaml': 'user:\n  app:\n    exists: true\n    uid: 2000\n',
    });
    // goss's order: includes by key (a.yaml, again, b.yaml); `again` merges a.yaml again, then b.yaml wins.
    expect(r.files).toEqual(['goss.yaml', 'a.yaml', 'b.yaml']);
    expect(r.diagnostics).toEqual([
      "a.yaml:5:3: warning SPEC008 user 'web': missing required attribute 'exists' (goss reports 'exists' as failed)",
      "b.yaml:2:3: warning SPEC016 user 'app' replaces the declaration at a.yaml:2:3 (the later file wins)",
    ]);
    const app = r.resources.find((x) => x.id === 'app');
    expect(app?.file).toMatch(/b\.yaml$/);
    expect(app?.properties[1]?.expected.test(2000).ok).toBe(true);
    // b.yaml first, then a.yaml again: a.yaml's declaration wins over b.yaml's, with a warning.
    const back = load({
      'goss.yaml':
        'gossfile:\n  1.yaml: {file: a.yaml}\n  2.yaml: {file: b.yaml}\n  3.yaml: {file: a.yaml}\n',
      'a.yaml': 'user:\n  app:\n    exists: true\n    uid: 1000\n',
      'b.yaml': 'user:\n  app:\n    exists: true\n    uid: 2000\n',
    });
    expect(back.diagnostics).toEqual([
      "b.yaml:2:3: warning SPEC016 user 'app' replaces the declaration at a.yaml:2:3 (the later file wins)",
      "a.yaml:2:3: warning SPEC016 user 'app' replaces the declaration at b.yaml:2:3 (the later file wins)",
    ]);
    expect(back.resources[0]?.properties[1]?.expected.test(1000).ok).toBe(true);
  });

  it('detects cycles, including a file including itself, and keeps going', () => {
    const r = load({
      'goss.yaml': `gossfile:\n  a.yaml: {}\n  goss.yaml: {}\n${proc('main')}`,
      'a.yaml': `gossfile:\n  b.yaml: {}\n${proc('a')}`,
      'b.yaml': `gossfile:\n  a.yaml: {}\n${proc('b')}`,
    });
    expect(r.diagnostics.map((d) => d.split(': ')[0] + d.replace(/^.* (SPEC\d+) .*$/, ' $1'))).toEqual([
      'b.yaml:2:3 SPEC015',
      'goss.yaml:3:3 SPEC015',
    ]);
    expect(r.resources.map((x) => x.id)).toEqual(['main', 'a', 'b']);
  });

  it('a missing include is located at its key; an included file with errors reports in that file', () => {
    const r = load({
      'goss.yaml': 'gossfile:\n  nope.yaml: {}\n  bad.yaml: {}\n',
      'bad.yaml': 'file:\n  /a:\n    exits: true\n',
    });
    expect(r.diagnostics.map((d) => d.replace(/^(\S+): \w+ (SPEC\d+).*/, '$1 $2'))).toEqual([
      'bad.yaml:3:5 SPEC006',
      'bad.yaml:2:3 SPEC008',
      'goss.yaml:2:3 SPEC014',
    ]);
  });

  it('templates render in included files too', () => {
    const r = load(
      {
        'goss.yaml': 'gossfile:\n  {{ .Vars.part }}.yaml: {}\n',
        'web.yaml': 'port:\n  tcp:{{ .Env.PORT }}:\n    listening: true\n',
      },
      { vars: { part: 'web' }, env: { PORT: '8080' } },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => x.id)).toEqual(['tcp:8080']);
  });
});

describe('glob (Go filepath.Glob)', () => {
  it('matches one segment at a time, sorted; dot files included; no **', () => {
    const dir = specDir({
      'a/x.yaml': '',
      'a/.h.yaml': '',
      'a/y.yml': '',
      'b/x.yaml': '',
      'a/deep/z.yaml': '',
    });
    const rel = (ps: string[]) => ps.map((p) => p.slice(dir.length + 1));
    expect(rel(glob(`${dir}/a/*.yaml`))).toEqual(['a/.h.yaml', 'a/x.yaml']);
    expect(rel(glob(`${dir}/*/x.yaml`))).toEqual(['a/x.yaml', 'b/x.yaml']);
    expect(rel(glob(`${dir}/a/?.y*ml`))).toEqual(['a/x.yaml', 'a/y.yml']);
    expect(rel(glob(`${dir}/**/z.yaml`))).toEqual([]);
    expect(rel(glob(`${dir}/a/x.yaml`))).toEqual(['a/x.yaml']);
    expect(glob(`${dir}/a/none.yaml`)).toEqual([]);
  });

  it('character classes and escapes', () => {
    expect(filepathMatch('[a-c]?.yaml', 'b1.yaml')).toBe(true);
    expect(filepathMatch('[^a-c]*', 'abc')).toBe(false);
    expect(filepathMatch('[!a-c]*', '!x')).toBe(true); // only ^ negates: ! is a member
    expect(filepathMatch('\\*.yaml', '*.yaml')).toBe(true);
    expect(filepathMatch('\\*.yaml', 'x.yaml')).toBe(false);
    expect(globError('a[')).toMatch(/syntax error in pattern/);
    expect(globError('[]a]')).toMatch(/syntax error in pattern/);
  });
});
