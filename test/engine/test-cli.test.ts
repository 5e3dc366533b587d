import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePki, type TestPki } from '../helpers/certs.js';
import { slipway } from '../helpers/cli.js';
import { docker, leftovers, removeImagesOf } from '../helpers/engine.js';
import { BUSYBOX, copyWithLibraries, tinyRepo } from '../helpers/fixture-repo.js';

const BIN = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));

/**
 * `slipway test` against images built here: `web` (busybox httpd, a shell) and `bare` (FROM scratch, one
 * static binary serving, no shell at all) — both must be testable, and nothing may be left behind.
 */
describe('slipway test (container specs against real images)', () => {
  const image = `slipway-test-spec-${process.pid}`;
  let repo: string;
  let pki: TestPki;
  const spec = (name: string, text: string) => {
    writeFileSync(join(repo, 'docker', `goss.${name}.yaml`), text);
  };

  beforeAll(async () => {
    pki = makePki();
    repo = tinyRepo({
      Dockerfile: [
        'FROM scratch AS web',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'RUN mkdir -p /www /etc && echo "root:x:0:0:root:/root:/bin/sh" > /etc/passwd && echo "root:x:0:" > /etc/group && echo ok > /www/health',
        'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]',
        'FROM scratch AS bare',
        'COPY --from=web /bin/busybox /httpd',
        'COPY --from=web /www /www',
        'ENTRYPOINT ["/httpd", "httpd", "-f", "-p", "9090", "-h", "/www"]',
        // openssl's TLS server, no CA bundle: 8443 serves anyone, 8444 only clients with a certificate.
        // Its own command exits at once (as a REPL or a shell does without a terminal); it has a /bin/sh.
        'FROM web AS oneshot',
        'CMD ["true"]',
        // Its own command outlives the brief watch at the start and exits while a check runs.
        'FROM web AS late',
        'CMD ["sleep", "2"]',
        'FROM scratch AS tls',
        'COPY tls/ /',
        'WORKDIR /www',
        'CMD ["/bin/busybox", "sh", "-c", "openssl s_server -quiet -WWW -accept 8443 -cert /certs/server.pem -key /certs/server.key & exec openssl s_server -quiet -WWW -accept 8444 -cert /certs/server.pem -key /certs/server.key -Verify 1 -CAfile /certs/ca.pem"]',
        '',
      ].join('\n'),
      'slipway.yaml': `image: ${image}\ndockerfile: Dockerfile\n`,
      'docker/.keep': '',
      'tls/www/health': 'secure-ok\n',
      'tls/bin/.keep': '',
      'tls/certs/ca.pem': pki.ca,
      'tls/certs/server.pem': pki.serverCert,
      'tls/certs/server.key': pki.serverKey,
      'tls/certs/client.pem': pki.clientCert,
      'tls/certs/client.key': pki.clientKey,
    });
    copyWithLibraries('/usr/bin/openssl', join(repo, 'tls'));
    copyFileSync(BUSYBOX, join(repo, 'tls/bin/busybox'));
    const b = await slipway(['build', '--all', '--cwd', repo, '--quiet']);
    if (b.code !== 0) throw new Error(b.stdout + b.stderr);
  });
  afterAll(async () => {
    await removeImagesOf(image);
    rmSync(repo, { recursive: true, force: true });
    rmSync(pki.dir, { recursive: true, force: true });
  });

  it('passes and fails like goss: filesystem, command, process, port and http checks', async () => {
    spec(
      'web',
      [
        'file:',
        '  /www/health: { exists: true, filetype: file, contents: ["ok"] }',
        '  /www/missing: { exists: true, mode: "0644" }',
        'user:',
        '  root: { exists: true, uid: 0 }',
        'command:',
        '  echo hello; exit 3: { exit-status: 3, stdout: ["hello"] }',
        'process:',
        '  httpd: { running: true }',
        'port:',
        "  tcp6:8080: { listening: true } # busybox httpd binds '::', which /proc lists under tcp6",
        '  tcp:8080: { listening: false }',
        'http:',
        '  http://localhost:8080/health: { status: 200, body: ["ok"] }',
        '',
      ].join('\n'),
    );
    const r = await slipway(['test', 'web', '--cwd', repo, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      results: { 'resource-id': string; property: string; result: number }[];
      summary: Record<string, number>;
    };
    const by = (id: string, p: string) =>
      out.results.find((x) => x['resource-id'] === id && x.property === p)?.result;
    expect(by('/www/health', 'contents')).toBe(0);
    expect(by('/www/missing', 'exists')).toBe(1);
    expect(by('/www/missing', 'mode')).toBe(2); // goss skips the rest once `exists` fails
    expect(by('echo hello; exit 3', 'exit-status')).toBe(0);
    expect(by('httpd', 'running')).toBe(0);
    expect(by('tcp6:8080', 'listening')).toBe(0);
    expect(by('tcp:8080', 'listening')).toBe(0); // listening: false holds
    expect(by('http://localhost:8080/health', 'status')).toBe(0);
    expect(by('http://localhost:8080/health', 'Body')).toBe(0);
    expect(out.summary).toMatchObject({ 'test-count': 14, 'failed-count': 1, 'skipped-count': 1 });
    expect(await leftovers()).toEqual([]);
  });

  it('observes kernel-param, mount, interface, addr, matching from the target’s namespaces; service as SysV init sees it', async () => {
    const f = join(repo, 'more.yaml');
    writeFileSync(
      f,
      [
        'matching:',
        '  version: { content: "1.2.3", matches: { semver-constraint: ">1.0.0" } }',
        'kernel-param:',
        '  kernel.ostype: { value: Linux }',
        'mount:',
        '  /proc: { exists: true, filesystem: proc }',
        '  /not-mounted: { exists: true }',
        'interface:',
        '  lo: { exists: true, addrs: ["127.0.0.1/8"] }',
        'addr:',
        '  tcp://127.0.0.1:8080: { reachable: true }',
        '  tcp://127.0.0.1:8081: { reachable: false }',
        'service:',
        '  sshd: { running: false }',
        '',
      ].join('\n'),
    );
    const r = await slipway(['test', '--image', `${image}:web`, '--spec', f, '--format', 'tap']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('1..10');
    const failed = lines.filter((l) => l.startsWith('not ok'));
    expect(failed).toEqual(['not ok 5 - Mount: /not-mounted: exists: Expected false to equal true']);
    expect(await leftovers()).toEqual([]);
  });

  it('https from inside the target: its own roots (none here), ca-file, allow-insecure, client certificates', async () => {
    const f = join(repo, 'tls.yaml');
    writeFileSync(
      f,
      [
        'http:',
        '  https://localhost:8443/health: { status: 200, body: ["secure-ok"], ca-file: /certs/ca.pem }',
        '  https://127.0.0.1:8443/health: { status: 200, allow-insecure: true }',
        '  untrusted: { url: "https://localhost:8443/health", status: 200, body: ["secure-ok"] }',
        '  mutual:',
        '    url: https://localhost:8444/health',
        '    status: 200',
        '    ca-file: /certs/ca.pem',
        '    cert-file: /certs/client.pem',
        '    key-file: /certs/client.key',
        '  anonymous: { url: "https://localhost:8444/health", status: 200, ca-file: /certs/ca.pem }',
        'mount:',
        '  /: { exists: true, filesystem: overlay, usage: { lt: 100 } }',
        'addr:',
        '  udp://127.0.0.1:53: { reachable: true }',
        '  udp://nowhere.invalid:53: { reachable: true }',
        '',
      ].join('\n'),
    );
    const r = await slipway(['test', '--image', `${image}:tls`, '--spec', f, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      results: { 'resource-id': string; property: string; result: number; err?: string | null }[];
      summary: Record<string, number>;
    };
    const outcome = Object.fromEntries(
      out.results.map((x) => [`${x['resource-id']} ${x.property}`, x.result]),
    );
    expect(outcome).toEqual({
      'https://localhost:8443/health status': 0,
      'https://localhost:8443/health Body': 0,
      'https://127.0.0.1:8443/health status': 0,
      // goss's ID(): `key: url` when the url differs from the key.
      'untrusted: https://localhost:8443/health status': 1, // no CA bundle in the image: goss in it trusts nothing
      'untrusted: https://localhost:8443/health Body': 2,
      'mutual: https://localhost:8444/health status': 0,
      'anonymous: https://localhost:8444/health status': 1,
      '/ exists': 0,
      '/ filesystem': 0,
      '/ usage': 0,
      'udp://127.0.0.1:53 reachable': 0,
      'udp://nowhere.invalid:53 reachable': 1,
    });
    expect(JSON.stringify(out.results)).toMatch(/unable to verify the first certificate/);
    expect(await leftovers()).toEqual([]);
  });

  it("runs the image with --entrypoint/--cmd/--env or the stage's `test:` settings; a command that exits is explained", async () => {
    const f = join(repo, 'cmd.yaml');
    writeFileSync(
      f,
      'port:\n  tcp6:7070: { listening: true }\ncommand:\n  echo $GREETING: { exit-status: 0, stdout: [hi] }\n',
    );
    const byFlags = await slipway([
      'test',
      '--image',
      `${image}:web`,
      '--spec',
      f,
      '--cmd',
      'httpd -f -p 7070 -h /www',
      '--env',
      'GREETING=hi',
      '--format',
      'tap',
    ]);
    expect(byFlags.stdout).toMatch(/^1\.\.3\nok 1 .*\nok 2 .*\nok 3 /);
    expect(byFlags.code).toBe(0);
    // The same from slipway.yaml, for the stage.
    spec('web', readFileSync(f, 'utf8'));
    writeFileSync(
      join(repo, 'slipway.yaml'),
      `image: ${image}\ndockerfile: Dockerfile\ntest:\n  web: { cmd: [httpd, -f, -p, "7070", -h, /www], env: { GREETING: hi } }\n`,
    );
    const byConfig = await slipway(['test', 'web', '--cwd', repo, '--format', 'tap']);
    writeFileSync(join(repo, 'slipway.yaml'), `image: ${image}\ndockerfile: Dockerfile\n`);
    expect(byConfig.code, byConfig.stdout).toBe(0);
    // A shell-less image whose given command exits: its exit code, not a hang.
    const exits = await slipway([
      'test',
      '--image',
      `${image}:bare`,
      '--spec',
      f,
      '--entrypoint',
      '["/httpd", "false"]',
      '--format',
      'tap',
    ]);
    expect(exits.code).toBe(1);
    expect(exits.stdout).toMatch(/exited with code \d+.*must keep running/);
    // A given command that exits only later, while a 3 s check runs (retried): explained the same way, and
    // no further retries against a container that has stopped.
    writeFileSync(f, 'command:\n  sleep 3; echo hi: { exit-status: 0, stdout: [hi] }\n');
    const later = await slipway([
      'test',
      '--image',
      `${image}:web`,
      '--spec',
      f,
      '--cmd',
      '["sh", "-c", "sleep 2"]',
      '--retry-timeout',
      '5m',
      '--format',
      'tap',
    ]);
    expect(later.code).toBe(1);
    expect(later.stdout).toMatch(
      /^# note: the container stopped: its command exited with code 0; the entrypoint\/cmd given for the tests must keep running$/m,
    );
    expect(await leftovers()).toEqual([]);
  });

  it("a stage's test.retryTimeout re-runs failing checks until they pass; --retry-timeout overrides it", async () => {
    spec('web', 'command:\n  test -e /www/ready: { exit-status: 0 }\n');
    // A service that is ready only 4 s after its container starts.
    writeFileSync(
      join(repo, 'slipway.yaml'),
      `image: ${image}\ndockerfile: Dockerfile\ntest:\n  web: { cmd: [sh, -c, "sleep 4 && touch /www/ready && exec httpd -f -p 8080 -h /www"], retryTimeout: 60 }\n`,
    );
    try {
      const waited = await slipway(['test', 'web', '--cwd', repo, '--format', 'tap']);
      expect(waited.stdout).toMatch(
        /^ok 1 - Command: test -e \/www\/ready: exit-status: matches expectation: 0$/m,
      );
      expect(waited.code).toBe(0);
      // The flag wins over the setting: one round, against a service that is not ready for 30 s.
      const once = await slipway([
        'test',
        'web',
        '--cwd',
        repo,
        '--format',
        'tap',
        '--retry-timeout',
        '0',
        '--cmd',
        '["sh", "-c", "sleep 30 && touch /www/ready && exec httpd -f -p 8080 -h /www"]',
      ]);
      expect(once.stdout).toMatch(/^not ok 1 - Command: test -e \/www\/ready: exit-status: /m);
      expect(once.code).toBe(1);
    } finally {
      writeFileSync(join(repo, 'slipway.yaml'), `image: ${image}\ndockerfile: Dockerfile\n`);
    }
    expect(await leftovers()).toEqual([]);
  });

  it('an image whose own command exits is kept alive by its /bin/sh for the live checks, and says so', async () => {
    const f = join(repo, 'oneshot.yaml');
    const tap = (cmd: string) =>
      [
        '1..3',
        '# note: its command exited with code 0: kept alive with /bin/sh for the checks',
        `ok 1 - Command: ${cmd}: exit-status: matches expectation: 0`,
        `ok 2 - Command: ${cmd}: stdout: matches expectation: ["alive"]`,
        'ok 3 - Process: sh: running: matches expectation: true',
        '',
      ].join('\n');
    const spec = (cmd: string) =>
      `command:\n  ${cmd}: { exit-status: 0, stdout: [alive] }\nprocess:\n  sh: { running: true }\n`;
    // At once: seen stopped while slipway watches the start.
    writeFileSync(f, spec('echo alive'));
    const quick = await slipway(['test', '--image', `${image}:oneshot`, '--spec', f, '--format', 'tap']);
    expect(quick.stdout).toBe(tap('echo alive'));
    expect(quick.code).toBe(0);
    // After 2 s, while a 3 s command check runs in it: the engine ends that exec, the retry's next exec is
    // refused (the container is not running), and the checks run again kept alive — what a REPL exiting
    // late on a loaded machine meets.
    writeFileSync(f, spec('sleep 3; echo alive'));
    const late = await slipway([
      'test',
      '--image',
      `${image}:late`,
      '--spec',
      f,
      '--format',
      'tap',
      '--retry-timeout',
      '20s',
    ]);
    expect(late.stdout).toBe(tap('sleep 3; echo alive'));
    expect(late.code).toBe(0);
    expect(await leftovers()).toEqual([]);
  });

  it('tests a shell-less image (FROM scratch) from the outside: --image and --spec, documentation output', async () => {
    const f = join(repo, 'bare.yaml');
    writeFileSync(
      f,
      'file:\n  /httpd: { exists: true, mode: "0755" }\n  /bin/sh: { exists: false }\nport:\n  tcp6:9090: { listening: true }\nhttp:\n  http://127.0.0.1:9090/health: { status: 200 }\n',
    );
    const r = await slipway(['test', '--image', `${image}:bare`, '--spec', f]);
    expect(r.stdout + r.stderr).toMatch(/Count: 5, Failed: 0, Skipped: 0/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Port: tcp6:9090: listening: matches expectation');
    expect(await leftovers()).toEqual([]);
  });

  it('--junit-dir writes one file per stage with <testsuite name="<stage>">; tap output', async () => {
    spec('web', 'file:\n  /www/health: { exists: true }\n');
    spec('bare', 'file:\n  /httpd: { exists: false }\n');
    const dir = mkdtempSync(join(tmpdir(), 'slipway-junit-'));
    const r = await slipway(['test', '--cwd', repo, '--junit-dir', dir, '--format', 'tap']);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      '1..2',
      `# web (${image}:web)`,
      'ok 1 - File: /www/health: exists: matches expectation: true',
      `# bare (${image}:bare)`,
      'not ok 2 - File: /httpd: exists: Expected true to equal false',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['bare.xml', 'web.xml']);
    expect(readFileSync(join(dir, 'bare.xml'), 'utf8')).toMatch(
      /<testsuite name="bare" errors="0" tests="1" failures="1" skipped="0"/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('slipway add observes the image and appends to the spec, keeping comments; the result passes', async () => {
    const f = join(repo, 'added.yaml');
    writeFileSync(f, '# hand-written header comment\nfile:\n  /www/health: { exists: true } # keep me\n');
    for (const args of [
      ['file', '/www/health'],
      ['user', 'root'],
      ['command', 'echo hi'],
      ['port', 'tcp6:8080'],
    ]) {
      const r = await slipway(['add', ...args, '--image', `${image}:web`, '--spec', f]);
      expect(r.code, r.stderr).toBe(0);
    }
    const text = readFileSync(f, 'utf8');
    expect(text).toContain('# hand-written header comment');
    expect(text).toMatch(/\/www\/health:\n\s+exists: true\n\s+mode: "0644"/);
    expect(text).toMatch(/echo hi:\n\s+exit-status: 0\n\s+stdout:\n\s+- hi/);
    expect(text).toMatch(/tcp6:8080:\n\s+listening: true/);
    // No package manager in this image: goss could not judge a package either, so nothing is recorded.
    const pkg = await slipway(['add', 'package', 'nginx', '--image', `${image}:web`, '--spec', f]);
    expect(pkg.code).toBe(2);
    expect(pkg.stderr).toMatch(/no package manager found/);
    expect(readFileSync(f, 'utf8')).not.toContain('nginx');
    const t = await slipway(['test', '--image', `${image}:web`, '--spec', f]);
    expect(t.stdout).toMatch(/Count: \d+, Failed: 0/);
    expect(await leftovers()).toEqual([]);
  });

  it('slipway edit: `slipway add` inside the shell is observed on exit and written to the spec', async () => {
    const f = join(repo, 'edited.yaml');
    writeFileSync(f, '# kept\n');
    const script =
      'touch /www/made-in-session\nslipway add file /www/made-in-session\nslipway add user root\nexit\n';
    const r = await new Promise<{ code: number; stdout: string }>((done) => {
      const child = spawn(process.execPath, [BIN, 'edit', '--image', `${image}:web`, '--spec', f], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
      });
      child.on('close', (code) => done({ code: code ?? 1, stdout }));
      child.stdin.end(script);
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('added to');
    const text = readFileSync(f, 'utf8');
    expect(text).toContain('# kept');
    // Observed in the session's container, as it was then: the file made inside exists.
    expect(text).toMatch(/\/www\/made-in-session:\n\s+exists: true/);
    expect(text).toMatch(/root:\n\s+exists: true\n\s+uid: 0/);
    expect(await leftovers()).toEqual([]);
  });

  it('SIGTERM while checks run removes the target, its helper and the reader containers (exit 130)', async () => {
    const f = join(repo, 'long.yaml');
    writeFileSync(
      f,
      'port:\n  tcp6:8080: { listening: true }\ncommand:\n  sleep 60: { exit-status: 0, timeout: 90000 }\n',
    );
    const child = spawn(process.execPath, [BIN, 'test', '--image', `${image}:web`, '--spec', f], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Wait until the target and its busybox helper run (the port check needs the helper).
    const deadline = Date.now() + 60_000;
    const running = async () =>
      (
        await docker.listContainers({
          filters: JSON.stringify({ label: ['dev.slipway.managed=true'], status: ['running'] }),
        })
      ).length;
    while ((await running()) < 2) {
      if (Date.now() > deadline) throw new Error(`the checks never started:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(stderr).toContain("SIGTERM: removing this run's containers and volumes");
    expect(await leftovers()).toEqual([]);
  });

  it('a bad spec is a located error before any container starts (exit 2)', async () => {
    spec('web', 'file:\n  /www/health:\n    exits: true\n');
    const r = await slipway(['test', 'web', '--cwd', repo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/docker\/goss\.web\.yaml:3:5: error SPEC\d+ .*exits.*did you mean 'exists'/);
    expect(r.stdout).toBe('');
  });
});
