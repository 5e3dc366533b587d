import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { evaluate, loadSpec, loadVars } from '../../../src/gossfile/index.js';

const repo = resolve(import.meta.dirname, '../../..');
const dockerSpecs = readdirSync(join(repo, 'docker')).filter((f) => /^goss\..+\.yaml$/.test(f));

describe("the repository's own specs", () => {
  it('finds them', () => expect(dockerSpecs.length).toBeGreaterThanOrEqual(6));

  for (const name of dockerSpecs)
    it(`docker/${name} loads with zero diagnostics`, () => {
      const r = loadSpec(join(repo, 'docker', name), { env: {}, vars: {} });
      expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(r.spec.resources.length).toBeGreaterThan(0);
      for (const res of r.spec.resources) expect(res.properties.length).toBeGreaterThan(0);
    });

  it('the release spec: resources, options and matchers as declared', () => {
    const { spec } = loadSpec(join(repo, 'docker/goss.release.yaml'), { env: {}, vars: {} });
    const find = (type: string, id: string) => spec.resources.find((r) => r.type === type && r.id === id);
    const id = find('command', 'id -u');
    expect(id?.options).toEqual({ exec: 'id -u', timeout: 10000 });
    expect(id?.properties.map((p) => p.expected.test(p.name === 'stdout' ? '10001\n' : 0).ok)).toEqual([
      true,
      true,
    ]);
    const ts = find('command', "find /app -name '*.ts' -not -name '*.d.ts' -print -quit");
    const stdout = ts?.properties.find((p) => p.name === 'stdout');
    expect(stdout?.expected.test('').ok).toBe(true);
    expect(stdout?.expected.test('/app/src/main.ts\n').ok).toBe(false);
    const http = find('http', 'http://127.0.0.1:3000/healthz');
    expect(http?.options).toMatchObject({ timeout: 5000, method: 'GET' });
    expect(http?.properties.map((p) => p.resultProperty)).toEqual(['status', 'Body']);
    const out = evaluate(http as NonNullable<typeof http>, (p) =>
      p === 'status' ? { value: 200 } : { value: '{"status":"ok","db":"up"}' },
    );
    expect(out.map((o) => o.outcome)).toEqual(['pass', 'pass']);
    expect(find('port', 'tcp:3000')?.properties[0]?.expected.test(true).ok).toBe(true);
  });
});

describe('a realistic templated spec with includes (test/fixtures/gossfile/realistic)', () => {
  const dir = join(repo, 'test/fixtures/gossfile/realistic');
  const { vars, diagnostics: varDiagnostics } = loadVars({
    file: join(dir, 'vars.yaml'),
    inline: '{"status": "PASS"}',
  });
  const r = loadSpec(join(dir, 'goss.yaml'), { env: { OS: 'debian' }, vars });

  it('loads with zero diagnostics', () => {
    expect(varDiagnostics).toEqual([]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(r.spec.files.map((f) => f.slice(dir.length + 1))).toEqual(['goss.yaml', 'goss.d/network.yaml']);
  });

  it('declares what the template rendered', () => {
    const ids = r.spec.resources.map((x) => `${x.type}:${x.id}`);
    expect(ids).toEqual([
      'package:ca-certificates',
      'package:tini',
      'package:libc6',
      'user:app',
      'user:worker',
      'file:/etc/passwd',
      'command:node -e "console.log(JSON.stringify({ok:true,n:3}))"',
      'matching:instance_count',
      'matching:status',
      'port:tcp:3000',
      'http:http://127.0.0.1:3000/healthz',
      'dns:localhost',
      'addr:tcp://127.0.0.1:3000',
    ]);
  });

  it('every matcher behaves on plausible observations', () => {
    const get = (type: string, id: string) => {
      const res = r.spec.resources.find((x) => x.type === type && x.id === id);
      if (!res) throw new Error(`${type} ${id}`);
      return res;
    };
    const outcomes = (type: string, id: string, seen: Record<string, unknown>) =>
      evaluate(get(type, id), (p) => ({ value: seen[p] })).map((o) => `${o.property}:${o.outcome}`);

    expect(outcomes('package', 'tini', { installed: true, versions: ['0.19.0'] })).toEqual([
      'installed:pass',
      'versions:pass',
    ]);
    expect(outcomes('package', 'tini', { installed: true, versions: ['1.0.0'] })).toEqual([
      'installed:pass',
      'versions:fail',
    ]);
    expect(
      outcomes('user', 'app', {
        exists: true,
        groups: ['app', 'users'],
        home: '/home/app',
        shell: '/bin/bash',
      }),
    ).toEqual(['exists:pass', 'home:pass', 'groups:pass', 'shell:pass']);
    const passwd = 'root:x:0:0:root:/root:/bin/bash\napp:x:10001:10001::/home/app:/bin/sh\n';
    expect(
      outcomes('file', '/etc/passwd', {
        exists: true,
        mode: '0644',
        owner: 'root',
        filetype: 'file',
        contents: passwd,
      }),
    ).toEqual(['exists:pass', 'mode:pass', 'owner:pass', 'filetype:pass', 'contents:pass']);
    const cmd = get('command', 'node -e "console.log(JSON.stringify({ok:true,n:3}))"');
    expect(cmd.options.timeout).toBe(5000);
    expect(
      evaluate(cmd, (p) => ({ value: { 'exit-status': 0, stdout: '{"ok":true,"n":3}\n' }[p] })).map(
        (o) => o.outcome,
      ),
    ).toEqual(['pass', 'pass']);
    const matching = get('matching', 'instance_count');
    expect(matching.properties[0]?.expected.test(matching.options.content).ok).toBe(true);
    expect(
      outcomes('http', 'http://127.0.0.1:3000/healthz', {
        status: 204,
        headers: 'Content-Type: application/json\n',
        body: '{"status":"ok"}',
      }),
    ).toEqual(['status:pass', 'headers:pass', 'body:pass']);
    expect(outcomes('dns', 'localhost', { resolvable: true, addrs: ['::1', '127.0.0.1'] })).toEqual([
      'resolvable:pass',
      'addrs:pass',
    ]);
    expect(get('addr', 'tcp://127.0.0.1:3000').options).toEqual({
      address: 'tcp://127.0.0.1:3000',
      timeout: 1000,
    });
  });
});
