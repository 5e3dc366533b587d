/**
 * Container-test cost: a 100-assertion spec (60 file/user/group/package, 40 command) against the release
 * image, checked by slipway (filesystem read through the archive API, commands through exec, run
 * concurrently) versus the same checks done naively: one `docker exec` per assertion, one after another,
 * against the same running container. Medians over N runs, interleaved. Goals: ≤ 0.5× naive and < 3 s.
 * Usage: npx tsx bench/check.ts [--runs N] [--image REF]   (build the image first: slipway build release)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, fmt, median } from './lib.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const image = args.includes('--image')
  ? (args[args.indexOf('--image') + 1] as string)
  : 'slipway-example:release';

// 15 present files × (exists, owner) + 5 absent × exists = 35; users 5 + groups 5 + packages 10 = 20;
// plus 5 user uids = 60 filesystem assertions. 40 commands × exit-status = 40. Total 100.
const files = [
  '/app/dist/main.js',
  '/app/dist/app.js',
  '/app/dist/db.js',
  '/app/dist/config.js',
  '/app/dist/server.js',
  '/app/dist/log.js',
  '/app/package.json',
  '/usr/local/bin/node',
  '/usr/bin/tini',
  '/etc/passwd',
  '/etc/group',
  '/etc/os-release',
  '/etc/debian_version',
  '/app',
  '/usr/bin/env',
  '/usr/bin/gcc',
  '/usr/bin/g++',
  '/usr/bin/make',
  '/usr/bin/python3',
  '/app/src',
];
const fileChecks = files.map((f, i) => [f, i < 15] as const);
const users = ['app', 'root', 'daemon', 'bin', 'sys'];
const groups = ['app', 'root', 'daemon', 'bin', 'sys'];
const packages = [
  'tini',
  'bash',
  'coreutils',
  'dpkg',
  'libc6',
  'gcc-12',
  'g++-12',
  'make',
  'python3',
  'perl-base',
];

function spec(): string {
  const out = ['file:'];
  for (const [f, present] of fileChecks)
    out.push(`  ${f}:`, `    exists: ${present}`, ...(present ? ['    owner: root'] : []));
  out.push('user:');
  for (const u of users)
    out.push(
      `  ${u}:`,
      '    exists: true',
      `    uid: ${({ app: 10001, root: 0, daemon: 1, bin: 2, sys: 3 } as Record<string, number>)[u]}`,
    );
  out.push('group:');
  for (const g of groups) out.push(`  ${g}:`, '    exists: true');
  out.push('package:');
  for (const p of packages)
    out.push(`  ${p}:`, `    installed: ${!['gcc-12', 'g++-12', 'make', 'python3'].includes(p)}`);
  out.push('command:');
  for (let i = 0; i < 40; i++) out.push(`  echo check-${i}:`, '    exit-status: 0');
  return `${out.join('\n')}\n`;
}

/** The naive way: a `docker exec` (a shell command) per assertion, sequentially. */
function naive(container: string): number {
  const checks: string[] = [];
  for (const [f, present] of fileChecks) {
    checks.push(present ? `test -e ${f}` : `! test -e ${f}`);
    if (present) checks.push(`test "$(stat -c %U ${f})" = root`);
  }
  for (const u of users) checks.push(`grep -q '^${u}:' /etc/passwd`, `test "$(id -u ${u})" -ge 0`);
  for (const g of groups) checks.push(`grep -q '^${g}:' /etc/group`);
  for (const p of packages)
    checks.push(
      `dpkg-query -W -f='\${Status}' ${p} 2>/dev/null | grep -q 'install ok installed' ${['gcc-12', 'g++-12', 'make', 'python3'].includes(p) ? '&& exit 1 || exit 0' : ''}`,
    );
  for (let i = 0; i < 40; i++) checks.push(`echo check-${i}`);
  const t0 = performance.now();
  for (const c of checks) spawnSync('docker', ['exec', container, 'sh', '-c', c]);
  return performance.now() - t0;
}

const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-check-'));
const specFile = join(dir, 'goss.yaml');
writeFileSync(specFile, spec());
const container = execFileSync('docker', ['run', '-d', '--label', 'dev.slipway.managed=true', image], {
  encoding: 'utf8',
}).trim();
try {
  const count = () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'test', '--image', image, '--spec', specFile, '--format', 'json'],
      { encoding: 'utf8' },
    );
    const j = JSON.parse(r.stdout) as { summary: { 'test-count': number; 'failed-count': number } };
    return j.summary;
  };
  const summary = count();
  const s: number[] = [];
  const n: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [BIN, 'test', '--image', image, '--spec', specFile, '--format', 'silent']);
    s.push(performance.now() - t0);
    n.push(naive(container));
  }
  console.log(
    `check bench: ${summary['test-count']} assertions (${summary['failed-count']} failed) against ${image}, ${runs} runs`,
  );
  console.log(
    `  slipway test (whole CLI: start, probe, exec, clean up): median ${fmt(median(s))} (min ${fmt(Math.min(...s))}) — goal < 3 s: ${median(s) < 3000 ? 'met' : 'NOT met'}`,
  );
  console.log(`  naive, one docker exec per assertion (container already running): median ${fmt(median(n))}`);
  console.log(
    `  ratio slipway/naive: ${(median(s) / median(n)).toFixed(2)}× — goal ≤ 0.5×: ${median(s) / median(n) <= 0.5 ? 'met' : 'NOT met'}`,
  );
} finally {
  execFileSync('docker', ['rm', '-f', '-v', container]);
  rmSync(dir, { recursive: true, force: true });
}
