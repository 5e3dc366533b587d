/**
 * Parity with goss v0.4 `resource/*.go` Validate: which properties a declared resource yields, in which order,
 * and pass / fail / skip for given observations. Each case pins a passing and a failing outcome.
 */
import { describe, expect, it } from 'vitest';
import { type DeclaredResource, evaluate, resultId } from '../../../src/gossfile/index.js';
import { load } from './helpers.js';

const res = (yaml: string): DeclaredResource => {
  const r = load(yaml).resources[0];
  if (!r) throw new Error('no resource');
  return r;
};
const seen = (values: Record<string, unknown>) => (p: string) => ({ value: values[p] });
const outcomes = (r: DeclaredResource, values: Record<string, unknown>) =>
  evaluate(r, seen(values)).map((o) => `${o.resultProperty}:${o.outcome}`);

describe('a required attribute left out is still reported, failed (goss: "Missing required attribute")', () => {
  it('file without exists: exists fails whatever is observed, and skips the rest (it is the gate)', () => {
    const l = load('file:\n  /etc/passwd:\n    mode: "0644"\n');
    expect(l.diagnostics).toEqual([
      "goss.yaml:2:3: warning SPEC008 file '/etc/passwd': missing required attribute 'exists' (goss reports 'exists' as failed)",
    ]);
    const r = l.resources[0] as DeclaredResource;
    expect(r.properties.map((p) => p.name)).toEqual(['exists', 'mode']);
    expect(outcomes(r, { exists: true, mode: '0644' })).toEqual(['exists:fail', 'mode:skip']);
    const out = evaluate(r, seen({ exists: true }))[0];
    expect(out?.message).toBe('Syntax Error: Missing required attribute');
    expect(out && 'actual' in out).toBe(false);
    // Given, the same resource passes.
    expect(
      outcomes(res('file:\n  /etc/passwd:\n    exists: true\n    mode: "0644"\n'), {
        exists: true,
        mode: '0644',
      }),
    ).toEqual(['exists:pass', 'mode:pass']);
  });

  it('command without exit-status: exit-status fails, stdout is still checked (command has no gate)', () => {
    const r = res('command:\n  echo hi:\n    stdout: [hi]\n');
    expect(outcomes(r, { 'exit-status': 0, stdout: 'hi\n' })).toEqual(['exit-status:fail', 'stdout:pass']);
    expect(outcomes(r, { 'exit-status': 0, stdout: 'ho\n' })).toEqual(['exit-status:fail', 'stdout:fail']);
  });

  it('dns with neither resolvable nor resolveable reports resolvable; a null value counts as left out', () => {
    const d = res('dns:\n  localhost:\n    addrs: [127.0.0.1]\n');
    expect(outcomes(d, { resolvable: true, addrs: ['127.0.0.1'] })).toEqual([
      'resolvable:fail',
      'addrs:skip',
    ]);
    const n = res('process:\n  node:\n    running: ~\n');
    expect(outcomes(n, { running: true })).toEqual(['running:fail']);
    // every type's required attribute, and service has none
    const bare = (t: string, k: string) =>
      res(`${t}:\n  ${k}:\n    title: x\n`).properties.map((p) => p.name);
    expect(bare('package', 'tini')).toEqual(['installed']);
    expect(bare('user', 'app')).toEqual(['exists']);
    expect(bare('group', 'app')).toEqual(['exists']);
    expect(bare('port', 'tcp:80')).toEqual(['listening']);
    expect(bare('addr', 'tcp://db:5432')).toEqual(['reachable']);
    expect(bare('http', 'http://x/')).toEqual(['status']);
    expect(bare('mount', '/data')).toEqual(['exists']);
    expect(bare('kernel-param', 'kernel.ostype')).toEqual(['value']);
    expect(bare('interface', 'eth0')).toEqual(['exists']);
    expect(bare('matching', 'm')).toEqual(['matches']);
    expect(bare('service', 'sshd')).toEqual([]);
  });

  it('skip: true skips a missing required attribute like any other', () => {
    const r = res('package:\n  tini:\n    skip: true\n    versions: [1.0.0]\n');
    expect(outcomes(r, {})).toEqual(['installed:skip', 'version:skip']);
  });
});

describe('what goss runs and fails, slipway runs and fails: a located warning, the property failed', () => {
  it('an unquoted octal, exists: 1, status: "OK" (SPEC018): judged as goss judges them', () => {
    const octal = load('file:\n  /bin/sh:\n    exists: true\n    mode: 0755\n');
    expect(octal.diagnostics).toEqual([
      `goss.yaml:4:11: warning SPEC018 file '/bin/sh': 'mode': goss's YAML reads 0755 as the octal number 493 (quote it: "0755"); goss reports 'mode' as failed`,
    ]);
    const r = octal.resources[0] as DeclaredResource;
    expect(outcomes(r, { exists: true, mode: '0755' })).toEqual(['exists:pass', 'mode:fail']);
    // 493 would equal a mode goss reads as the number 493, were there one; "0755" reads as 755.
    expect(outcomes(r, { exists: true, mode: '493' })).toEqual(['exists:pass', 'mode:pass']);
    expect(
      outcomes(res('file:\n  /a:\n    exists: 1\n    mode: "0644"\n'), { exists: true, mode: '0644' }),
    ).toEqual(['exists:fail', 'mode:skip']);
    expect(outcomes(res('http:\n  http://x/:\n    status: "OK"\n'), { status: 200 })).toEqual([
      'status:fail',
    ]);
    // Written right, the same checks pass.
    expect(
      outcomes(res('file:\n  /bin/sh:\n    exists: true\n    mode: "0755"\n'), {
        exists: true,
        mode: '0755',
      }),
    ).toEqual(['exists:pass', 'mode:pass']);
    expect(
      outcomes(res('http:\n  http://x/:\n    status: "200"\n    body: [ok]\n'), { status: 200, body: 'ok' }),
    ).toEqual(['status:pass', 'Body:pass']);
  });

  it('an unknown matcher, a bad argument, a bad regexp, a bad semver range: warnings at their place', () => {
    const l = load(`user:
  app:
    exists: {equl: true}
    uid: {gt: ten}
command:
  x:
    exit-status: 0
    stdout: [ok, /v(24/]
    stderr: {match-regexp: "(?<=a)b"}
package:
  node:
    installed: true
    versions: {semver-constraint: "~> 1.2"}
`);
    expect(l.diagnostics.map((d) => d.split(' ').slice(0, 3).join(' '))).toEqual([
      'goss.yaml:3:14: warning SPEC009',
      'goss.yaml:4:15: warning SPEC010',
      'goss.yaml:8:18: warning SPEC011',
      'goss.yaml:9:28: warning SPEC011',
      'goss.yaml:13:35: warning SPEC012',
    ]);
    const [user, command, pkg] = l.resources as DeclaredResource[];
    expect(outcomes(user as DeclaredResource, { exists: true, uid: 1 })).toEqual(['exists:fail', 'uid:skip']);
    expect(outcomes(command as DeclaredResource, { 'exit-status': 0, stdout: 'ok', stderr: 'b' })).toEqual([
      'exit-status:pass',
      'stdout:fail',
      'stderr:fail',
    ]);
    expect(outcomes(pkg as DeclaredResource, { installed: true, versions: ['1.2.3'] })).toEqual([
      'installed:pass',
      'version:fail',
    ]);
    const good = res(
      'package:\n  node:\n    installed: true\n    versions: {semver-constraint: ">=1.2.0"}\n',
    );
    expect(outcomes(good, { installed: true, versions: ['1.2.3'] })).toEqual([
      'installed:pass',
      'version:pass',
    ]);
    expect(outcomes(good, { installed: true, versions: ['1.1.0'] })).toEqual([
      'installed:pass',
      'version:fail',
    ]);
  });

  it('what goss cannot run (an empty matcher panics, a word in exit-status panics) and a gjson path slipway cannot evaluate stop the run', () => {
    expect(load('file:\n  /a:\n    exists: {}\n').diagnostics[0]).toMatch(/: error SPEC007 /);
    expect(load('command:\n  x:\n    exit-status: zero\n').diagnostics[0]).toMatch(/: error SPEC007 /);
    const g = load("command:\n  x:\n    exit-status: 0\n    stdout:\n      gjson:\n        'a.#(b==1)': 1\n");
    expect(g.diagnostics[0]).toMatch(/: error SPEC013 /);
  });
});

describe('skip on every type (goss v0.4 gives each resource SetSkip)', () => {
  it('addr: skip: true skips reachable; without it, reachable is judged', () => {
    expect(outcomes(res('addr:\n  tcp://db:5432:\n    reachable: true\n    skip: true\n'), {})).toEqual([
      'reachable:skip',
    ]);
    const r = res('addr:\n  tcp://db:5432:\n    reachable: true\n');
    expect(outcomes(r, { reachable: true })).toEqual(['reachable:pass']);
    expect(outcomes(r, { reachable: false })).toEqual(['reachable:fail']);
  });

  it('matching: skip: true skips matches; without it, content is matched', () => {
    expect(outcomes(res('matching:\n  m:\n    content: 3\n    matches: 4\n    skip: true\n'), {})).toEqual([
      'matches:skip',
    ]);
    expect(outcomes(res('matching:\n  m:\n    content: 3\n    matches: 3\n'), {})).toEqual(['matches:pass']);
    expect(outcomes(res('matching:\n  m:\n    content: 3\n    matches: 4\n'), {})).toEqual(['matches:fail']);
  });
});

describe('file uid and gid (goss: numeric owner and group ids, after owner and group)', () => {
  it('are properties in goss order, compared as numbers', () => {
    const r = res(
      'file:\n  /app:\n    gid: 10001\n    uid: 10001\n    group: app\n    owner: app\n    exists: true\n',
    );
    expect(r.properties.map((p) => p.name)).toEqual(['exists', 'owner', 'uid', 'group', 'gid']);
    const ok = { exists: true, owner: 'app', uid: 10001, group: 'app', gid: 10001 };
    expect(outcomes(r, ok)).toEqual(['exists:pass', 'owner:pass', 'uid:pass', 'group:pass', 'gid:pass']);
    expect(outcomes(r, { ...ok, uid: 0, gid: 0 })).toEqual([
      'exists:pass',
      'owner:pass',
      'uid:fail',
      'group:pass',
      'gid:fail',
    ]);
  });
});

describe('resultId: the id goss prints (ID())', () => {
  it('is the key, or "key: target" when a target option differs; a command is always its key', () => {
    expect(resultId(res('file:\n  passwd:\n    path: /etc/passwd\n    exists: true\n'))).toBe(
      'passwd: /etc/passwd',
    );
    expect(resultId(res('file:\n  /etc/passwd:\n    path: /etc/passwd\n    exists: true\n'))).toBe(
      '/etc/passwd',
    );
    expect(resultId(res('file:\n  /etc/passwd:\n    exists: true\n'))).toBe('/etc/passwd');
    expect(resultId(res('http:\n  health:\n    url: http://x/h\n    status: 200\n'))).toBe(
      'health: http://x/h',
    );
    expect(resultId(res('command:\n  version:\n    exec: node --version\n    exit-status: 0\n'))).toBe(
      'version',
    );
    expect(resultId(res('matching:\n  m:\n    content: 1\n    matches: 1\n'))).toBe('m');
  });
});
