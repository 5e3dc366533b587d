/**
 * Build performance of the hierarchy, measured on a copy of this repository (the real one is never touched):
 *   1. cold build of all stages (BuildKit cache pruned; base image kept: making it is measured separately)
 *   2. warm rebuild with no change, repeated: median (goal < 10 s for all stages)
 *   3. rebuild after one example source change, repeated: median, and which stages ran any step
 *      (expected: only ci and release)
 *   4. image sizes of base, build, release and of a naive single-stage image of the same service
 *      (bench/naive.Dockerfile, FROM the same base): release/naive is the headline.
 * Usage: npx tsx bench/build.ts [--runs N] [--keep-cache]   (needs the engine: scripts/engine.sh)
 * --keep-cache skips the prune, so step 1 is then not cold.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildReport } from '../src/stages/build-stages.js';
import { fmt, mb, median, REPO, sh, slipwayJson } from './lib.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const keepCache = args.includes('--keep-cache');
const image = `slipway-bench-${process.pid}`;

const copy = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
for (const f of sh('git', ['ls-files', '-co', '--exclude-standard']).split('\n').filter(Boolean)) {
  try {
    cpSync(join(REPO, f), join(copy, f), { recursive: true });
  } catch {
    /* a file listed but deleted in the work tree */
  }
}
writeFileSync(join(copy, 'slipway.yaml'), `dockerfile: docker/Dockerfile\ncontext: .\nimage: ${image}\n`);

const build = () => slipwayJson<BuildReport>(['build', '--all'], copy);
const ran = (r: BuildReport) => r.stages.filter((s) => s.executed.length > 0).map((s) => s.stage);

try {
  console.log(`slipway build bench — ${new Date().toISOString()}, ${runs} runs for repeated figures\n`);
  // 1. Cold.
  if (!keepCache) sh('docker', ['builder', 'prune', '-af']);
  const cold = build();
  console.log(`cold build, all stages${keepCache ? ' (cache kept: NOT cold)' : ''}:  ${fmt(cold.ms)}`);
  for (const s of cold.report.stages)
    console.log(`  ${s.stage.padEnd(8)} ${fmt(s.durationMs).padStart(9)}  ${s.executed.length} steps run`);

  // 2. Warm, no change.
  const warm = Array.from({ length: runs }, () => build());
  const warmMed = median(warm.map((w) => w.ms));
  console.log(
    `\nwarm rebuild, no change:   median ${fmt(warmMed)} over ${runs} (min ${fmt(Math.min(...warm.map((w) => w.ms)))}); steps run: ${warm.reduce((n, w) => n + w.report.stages.reduce((m, s) => m + s.executed.length, 0), 0)}; goal < 10 s: ${warmMed < 10_000 ? 'met' : 'NOT met'}`,
  );

  // 3. One source change of the example.
  const changed: { ms: number; ran: string[] }[] = [];
  for (let i = 0; i < runs; i++) {
    appendFileSync(join(copy, 'example/src/app.ts'), `\n// bench change ${process.pid}-${Date.now()}-${i}\n`);
    const r = build();
    changed.push({ ms: r.ms, ran: ran(r.report) });
  }
  const ranSets = [...new Set(changed.map((c) => c.ran.join(',')))];
  console.log(
    `rebuild after one source change: median ${fmt(median(changed.map((c) => c.ms)))} over ${runs}; stages that ran steps: ${ranSets.join(' | ')}`,
  );
  console.log(`  ratio to cold: ${(median(changed.map((c) => c.ms)) / cold.ms).toFixed(2)}×`);

  // 4. Sizes, against a naive single-stage image.
  const naive = slipwayJson<BuildReport>(['build', 'naive', '--file', 'bench/naive.Dockerfile'], copy);
  const size = (r: BuildReport, s: string) => r.stages.find((x) => x.stage === s)?.sizeBytes ?? 0;
  const last = changed.length ? build().report : cold.report;
  const release = size(last, 'release');
  const naiveSize = size(naive.report, 'naive');
  // Recorded for `slipway report` of this repository (its release budget section).
  mkdirSync(join(REPO, '.slipway'), { recursive: true });
  writeFileSync(
    join(REPO, '.slipway', 'bench.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), naive: { sizeBytes: naiveSize, dockerfile: 'bench/naive.Dockerfile' } }, null, 2)}\n`,
  );
  console.log('\nimage sizes:');
  for (const s of ['base', 'build', 'release'])
    console.log(`  ${s.padEnd(8)} ${mb(size(last, s)).padStart(10)}`);
  console.log(`  naive    ${mb(naiveSize).padStart(10)}   (single stage, same base, everything installed)`);
  console.log(
    `\nheadline: release / naive = ${(release / naiveSize).toFixed(2)}  (release adds ${mb(release - size(last, 'base'))} to base; naive adds ${mb(naiveSize - size(last, 'base'))})`,
  );
} finally {
  for (const s of ['base', 'build', 'dev', 'project', 'ci', 'release', 'naive'])
    sh('docker', ['image', 'rm', '-f', `${image}:${s}`]);
  rmSync(copy, { recursive: true, force: true });
}
