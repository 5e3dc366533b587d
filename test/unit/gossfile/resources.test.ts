import { describe, expect, it } from 'vitest';
import { attributesOf, evaluate, RESOURCE_TYPES, RESOURCES, targetOf } from '../../../src/gossfile/index.js';
import { load } from './helpers.js';

/** Loads one resource; no diagnostics allowed. */
function one(yaml: string) {
  const r = load(yaml);
  expect(r.diagnostics).toEqual([]);
  expect(r.resources).toHaveLength(1);
  const res = r.resources[0];
  if (!res) throw new Error('no resource');
  return { ...res, props: res.properties.map((p) => `${p.name}>${p.resultProperty}`) };
}

describe('every resource type parses with goss defaults', () => {
  it('file: properties in goss order (linked-to prints as linkedto), path defaults to the key', () => {
    const r = one(`file:
  /usr/local/bin/npm:
    title: npm
    meta: { owner: platform }
    sha256: abc
    contents: [foo]
    filetype: symlink
    linked-to: ../lib/npm-cli.js
    exists: true
    mode: "0755"
    size: 10
`);
    expect(r).toMatchObject({
      type: 'file',
      id: '/usr/local/bin/npm',
      title: 'npm',
      meta: { owner: 'platform' },
      skip: false,
    });
    expect(r.options).toEqual({ path: '/usr/local/bin/npm' });
    expect(r.props).toEqual([
      'exists>exists',
      'mode>mode',
      'linked-to>linkedto',
      'filetype>filetype',
      'contents>contents',
      'size>size',
      'sha256>sha256',
    ]);
    expect(r.range).toEqual({ start: { line: 2, column: 3 }, end: { line: 11, column: 13 } });
    expect(r.properties[0]?.range).toEqual({ start: { line: 9, column: 5 }, end: { line: 9, column: 17 } });
  });

  it('package: versions prints as version', () => {
    const r = one('package:\n  tini:\n    installed: true\n    versions: [0.19.0]\n');
    expect(r.options).toEqual({ name: 'tini' });
    expect(r.props).toEqual(['installed>installed', 'versions>version']);
  });

  it('user and group', () => {
    const u = one(
      'user:\n  app:\n    shell: /usr/sbin/nologin\n    groups: [app]\n    home: /app\n    gid: 10001\n    uid: 10001\n    exists: true\n',
    );
    expect(u.options).toEqual({ username: 'app' });
    expect(u.props.map((p) => p.split('>')[0])).toEqual(['exists', 'uid', 'gid', 'home', 'groups', 'shell']);
    const g = one('group:\n  app:\n    gid: 10001\n    exists: true\n');
    expect(g.options).toEqual({ groupname: 'app' });
    expect(g.props).toEqual(['exists>exists', 'gid>gid']);
  });

  it('command: exec defaults to the key, timeout to 10000 ms; exec may be a list', () => {
    const r = one('command:\n  node --version:\n    stdout: [/^v24/]\n    exit-status: 0\n');
    expect(r.options).toEqual({ exec: 'node --version', timeout: 10000 });
    expect(r.props).toEqual(['exit-status>exit-status', 'stdout>stdout']);
    const l = one('command:\n  version:\n    exec: [node, --version]\n    timeout: 0\n    exit-status: 0\n');
    expect(l.options).toEqual({ exec: ['node', '--version'], timeout: 10000 });
    expect(targetOf(l)).toEqual(['node', '--version']);
  });

  it('process, port, addr, kernel-param', () => {
    expect(one('process:\n  node:\n    running: true\n').options).toEqual({ comm: 'node' });
    const p = one('port:\n  tcp:3000:\n    ip: [0.0.0.0]\n    listening: true\n');
    expect(p.options).toEqual({ port: 'tcp:3000' });
    expect(p.props).toEqual(['listening>listening', 'ip>ip']);
    const a = one('addr:\n  tcp://db:5432:\n    reachable: true\n');
    expect(a.options).toEqual({ address: 'tcp://db:5432', timeout: 500 });
    const k = one('kernel-param:\n  net.core.somaxconn:\n    value: {gt: 100}\n');
    expect(k.options).toEqual({ name: 'net.core.somaxconn' });
  });

  it('http: timeout 5000 ms, GET, no insecure, follow redirects; Headers and Body result names', () => {
    const r = one(`http:
  http://127.0.0.1:3000/healthz:
    status: 200
    body: ['"status":"ok"']
    headers: ['Content-Type: application/json']
    request-headers: ['Accept: application/json']
`);
    expect(r.options).toEqual({
      url: 'http://127.0.0.1:3000/healthz',
      method: 'GET',
      timeout: 5000,
      'allow-insecure': false,
      'no-follow-redirects': false,
      'request-headers': ['Accept: application/json'],
    });
    expect(r.props).toEqual(['status>status', 'headers>Headers', 'body>Body']);
  });

  it('dns: timeout 500 ms; resolveable still works (deprecated)', () => {
    const r = one(
      'dns:\n  localhost:\n    addrs: {consist-of: [127.0.0.1]}\n    resolvable: true\n    server: 8.8.8.8\n',
    );
    expect(r.options).toEqual({ resolve: 'localhost', server: '8.8.8.8', timeout: 500 });
    expect(r.props).toEqual(['resolvable>resolvable', 'addrs>addrs']);
    const old = load('dns:\n  localhost:\n    resolveable: true\n');
    expect(old.resources[0]?.properties.map((p) => `${p.name}>${p.resultProperty}`)).toEqual([
      'resolveable>resolvable',
    ]);
    expect(old.diagnostics).toEqual([
      "goss.yaml:3:5: warning SPEC017 dns 'localhost': 'resolveable' is deprecated: spelled 'resolvable'",
    ]);
  });

  it('mount: timeout 1000 ms', () => {
    const r = one('mount:\n  /data:\n    usage: {lt: 95}\n    opts: [rw]\n    exists: true\n');
    expect(r.options).toEqual({ mountpoint: '/data', timeout: 1000 });
    expect(r.props.map((p) => p.split('>')[0])).toEqual(['exists', 'opts', 'usage']);
  });

  it('interface, service, matching', () => {
    expect(one('interface:\n  eth0:\n    mtu: 1500\n    exists: true\n').props).toEqual([
      'exists>exists',
      'mtu>mtu',
    ]);
    const s = one('service:\n  sshd:\n    running: false\n    enabled: false\n    skip: true\n');
    expect(s).toMatchObject({ skip: true, options: { name: 'sshd' } });
    expect(s.props).toEqual(['enabled>enabled', 'running>running']);
    const m = one('matching:\n  count:\n    content: 14\n    matches: {gt: 0}\n');
    expect(m.options).toEqual({ content: 14 });
    expect(m.properties[0]?.expected.test(m.options.content).ok).toBe(true);
  });

  it('gossfile entries are includes, not resources', () => {
    const r = load({
      'goss.yaml': 'gossfile:\n  other.yaml: {}\n',
      'other.yaml': 'process:\n  node:\n    running: true\n',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => x.type)).toEqual(['process']);
  });

  it('the resource table covers every type, with title and meta everywhere', () => {
    for (const t of RESOURCE_TYPES) {
      expect(RESOURCES[t].type).toBe(t);
      expect(attributesOf(t).map((a) => a.name)).toEqual(expect.arrayContaining(['title', 'meta']));
    }
    // goss v0.4 gives every type SetSkip; addr and matching honour `skip: true` too.
    for (const t of RESOURCE_TYPES) expect(attributesOf(t).map((a) => a.name)).toContain('skip');
  });
});

describe('evaluate: goss gating', () => {
  const res = (yaml: string) =>
    load(yaml).resources[0] as NonNullable<ReturnType<typeof load>['resources'][0]>;
  const seen = (values: Record<string, unknown>) => (p: string) => ({ value: values[p] });

  it('skips the rest when the gate fails or observes false', () => {
    const f = res('file:\n  /x:\n    exists: true\n    mode: "0644"\n');
    expect(evaluate(f, seen({ exists: false, mode: '0644' })).map((o) => o.outcome)).toEqual([
      'fail',
      'skip',
    ]);
    const absent = res('file:\n  /x:\n    exists: false\n    mode: "0644"\n');
    expect(evaluate(absent, seen({ exists: false })).map((o) => o.outcome)).toEqual(['pass', 'skip']);
    expect(evaluate(f, seen({ exists: true, mode: '0600' })).map((o) => o.outcome)).toEqual(['pass', 'fail']);
  });

  it('the deprecated dns resolveable still gates; matching needs no observation', () => {
    const d = res('dns:\n  x:\n    resolveable: true\n    addrs: [1.2.3.4]\n');
    expect(evaluate(d, seen({ resolveable: false })).map((o) => o.outcome)).toEqual(['fail', 'skip']);
    const m = res('matching:\n  n:\n    content: [a, b]\n    matches: {contain-element: b}\n');
    expect(evaluate(m, () => ({ error: 'not probed' })).map((o) => o.outcome)).toEqual(['pass']);
  });

  it('no gate for command; skip: true skips everything; an observation error fails', () => {
    const c = res('command:\n  x:\n    exit-status: 0\n    stdout: [ok]\n');
    expect(evaluate(c, seen({ 'exit-status': 1, stdout: 'ok\n' })).map((o) => o.outcome)).toEqual([
      'fail',
      'pass',
    ]);
    const s = res('http:\n  http://x/:\n    status: 200\n    body: [ok]\n    skip: true\n');
    expect(evaluate(s, seen({})).map((o) => o.outcome)).toEqual(['skip', 'skip']);
    const h = res('http:\n  http://x/:\n    status: 200\n    body: [ok]\n');
    const out = evaluate(h, (p) => (p === 'status' ? { error: 'connection refused' } : { value: '' }));
    expect(out.map((o) => [o.resultProperty, o.outcome])).toEqual([
      ['status', 'fail'],
      ['Body', 'skip'],
    ]);
  });
});
