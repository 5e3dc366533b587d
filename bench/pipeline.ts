/**
 * The pipeline doing only what a change needs, on a copy of this repository (the real one is never touched,
 * a git repository of its own so the plan has a HEAD):
 *   1. a first `slipway pipeline` (warm BuildKit cache: builds, tests, smoke) — not timed as a figure;
 *   2. no-op `slipway pipeline` (nothing changed since the last green run), repeated: median wall time of
 *      the whole command (goal < 3 s), against one `docker run --rm` of the release image in the same run;
 *   3. one example source change, repeated: median, and which stages did any work (expected: ci and release).
 * Usage: npx tsx bench/pipeline.ts [--runs N]   (needs the engine and the compiled CLI)
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '../src/history/record.js';
import { BIN, fmt, median, REPO, sh } from './lib.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const image = `slipway-bench-pipeline-${process.pid}`;

const copy = mkdtempSync(join(tmpdir(), 'slipway-bench-pipeline-'));
for (const f of sh('git', ['ls-files', '-co', '--exclude-standard']).split('\n').filter(Boolean)) {
  try {
    cpSync(join(REPO, f), join(copy, f), { recursive: true });
  } catch {
    /* a file listed but deleted in the work tree */
  }
}
const config = sh('cat', ['slipway.yaml']).replace(/^image: .*$/m, `image: ${image}`);
writeFileSync(join(copy, 'slipway.yaml'), config);
for (const a of [
  ['init', '-q'],
  ['add', '-A'],
  ['-c', 'user.name=bench', '-c', 'user.email=b@x', 'commit', '-qm', 'bench'],
])
  sh('git', a, copy);

function pipeline(): { ms: number; record: RunRecord } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'pipeline', '--quiet', '--format', 'json'], {
    cwd: copy,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`slipway pipeline failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { ms, record: (JSON.parse(r.stdout) as { record: RunRecord }).record };
}

const worked = (r: RunRecord) =>
  r.stages
    .filter((s) => s.build.status === 'built' || s.test.status === 'passed' || s.test.status === 'failed')
    .map((s) => s.name);

try {
  console.log(`slipway pipeline bench — ${new Date().toISOString()}, ${runs} runs each\n`);
  const first = pipeline();
  console.log(
    `first run (warm BuildKit cache): ${fmt(first.ms)}, stages that worked: ${worked(first.record).join(', ')}`,
  );

  const noop: number[] = [];
  const docker: number[] = [];
  for (let i = 0; i < runs; i++) {
    const p = pipeline();
    if (worked(p.record).length) throw new Error(`a no-op run did work: ${worked(p.record).join(', ')}`);
    noop.push(p.ms);
    const t0 = performance.now();
    sh('docker', ['run', '--rm', '--entrypoint', '/bin/true', `${image}:release`]);
    docker.push(performance.now() - t0);
  }
  console.log(
    `no-op pipeline (nothing changed): median ${fmt(median(noop))} (min ${fmt(Math.min(...noop))}) — goal < 3 s: ${median(noop) < 3000 ? 'met' : 'NOT met'}`,
  );
  console.log(`baseline, one docker run --rm of the release image: median ${fmt(median(docker))}`);
  console.log(`ratio no-op pipeline / docker run: ${(median(noop) / median(docker)).toFixed(2)}x`);

  const change: number[] = [];
  const sets = new Set<string>();
  for (let i = 0; i < runs; i++) {
    appendFileSync(join(copy, 'example/src/app.ts'), `\n// bench change ${i}\n`);
    const p = pipeline();
    change.push(p.ms);
    sets.add(worked(p.record).join(', '));
  }
  console.log(
    `after one example source change: median ${fmt(median(change))}; stages that worked: ${[...sets].join(' | ')}`,
  );
} finally {
  for (const s of ['base', 'build', 'dev', 'project', 'ci', 'release'])
    spawnSync('docker', ['rmi', '-f', `${image}:${s}`], { stdio: 'ignore' });
  rmSync(copy, { recursive: true, force: true });
}
