/**
 * Planning cost: a generated git repository of 10,000 files, a 30-stage Dockerfile (COPY sources with
 * wildcards, bind mounts, COPY --from chains), a .dockerignore with `**` and `!`, specs with includes, and a
 * 500-file change on a branch. Median over N runs of what `slipway plan` does (in process): resolve the
 * merge-base with main, list the changes, read both trees and the files the plan needs, parse, plan.
 * Goal: < 500 ms. Baseline in the same run: a bare `git diff --name-status main HEAD` process.
 * Usage: npx tsx bench/plan.ts [--runs N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { planRepository } from '../src/plan/index.js';
import { BIN, fmt, median, REPO } from './lib.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const PACKAGES = 40;
const FILES = 10_000;
const CHANGED = 500;
const STAGES = 30;

function dockerfile(): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim', 'ARG VERSION=1.0.0'];
  for (let i = 0; i < STAGES; i++) {
    const p = `packages/p${i % PACKAGES}`;
    out.push(
      `FROM ${i === 0 ? '${BASE}' : i % 6 === 0 ? 'node:24-bookworm-slim' : `s${Math.floor(i / 2)}`} AS s${i}`,
    );
    out.push('ARG VERSION', `WORKDIR /work/s${i}`, `COPY ${p}/package.json ${p}/*.lock ./`);
    out.push(`COPY ${p}/src ./src`);
    if (i % 4 === 1) out.push(`COPY packages/p${(i + 7) % PACKAGES}/src/lib/f[0-9]*.ts ./extra/`);
    if (i % 5 === 2) out.push('COPY --exclude=*.log scripts /scripts');
    if (i > 1 && i % 3 === 0) out.push(`COPY --from=s${i - 1} /work/s${i - 1}/out /deps/s${i - 1}`);
    out.push(
      `RUN --mount=type=bind,source=scripts,target=/scripts /scripts/build.sh s${i} \\`,
      '    # a comment inside the continuation',
      '    --jobs 2',
    );
    for (let k = 0; k < 8; k++) out.push(`RUN echo step ${k} of stage ${i} # not a comment ${k}`);
    out.push(`LABEL stage=s${i}`, 'CMD ["run"]', '');
  }
  return out.join('\n');
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const git = (dir: string, ...a: string[]) =>
  execFileSync('git', a, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'b',
      GIT_AUTHOR_EMAIL: 'b@example.invalid',
      GIT_COMMITTER_NAME: 'b',
      GIT_COMMITTER_EMAIL: 'b@example.invalid',
    },
  });

const paths: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-plan-'));
try {
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'Dockerfile', dockerfile());
  write(
    dir,
    '.dockerignore',
    '**/node_modules\n**/*.log\n.git\ndist\n!dist/keep\npackages/*/docs\n!packages/p1/docs/keep.md\n',
  );
  write(dir, 'scripts/build.sh', '#!/bin/sh\n');
  write(dir, 'docker/common.yaml', 'file:\n  /etc:\n    exists: true\n');
  for (let s = 0; s < STAGES; s += 3)
    write(dir, `docker/goss.s${s}.yaml`, 'gossfile:\n  common.yaml: {}\nfile:\n  /work:\n    exists: true\n');
  for (let p = 0; p < PACKAGES; p++) write(dir, `packages/p${p}/package.json`, '{}');
  const subs = ['src', 'src/lib', 'test', 'docs', 'node_modules/dep'];
  while (paths.length < FILES - PACKAGES - 8) {
    const i = paths.length;
    const path = `packages/p${i % PACKAGES}/${subs[i % subs.length]}/f${i}.${i % 13 === 0 ? 'log' : 'ts'}`;
    write(dir, path, `export const v${i} = ${i};\n`);
    paths.push(path);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'change');
  // 500 files of half the packages (p20-p39), spread over their directories.
  const candidates = paths.filter((f) => Number(/packages\/p(\d+)\//.exec(f)?.[1]) >= PACKAGES / 2);
  const step = Math.floor(candidates.length / CHANGED);
  for (let k = 0; k < CHANGED; k++) write(dir, candidates[k * step] as string, `// changed ${k}\n`);
  git(dir, 'commit', '-q', '-am', 'change');
  const tracked = git(dir, 'ls-files').trim().split('\n').length;

  const env = { PATH: process.env.PATH };
  const plan = () => planRepository({ cwd: dir, env });
  const baseline = () => {
    const r = spawnSync('git', ['diff', '--name-status', 'main', 'HEAD'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.split('\n').length - 1;
  };
  const first = (await plan()).plan;
  baseline();
  const p: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await plan();
    p.push(performance.now() - t0);
    t0 = performance.now();
    baseline();
    b.push(performance.now() - t0);
  }
  const count = (a: string) => first.stages.filter((s) => s.action === a).length;
  console.log(
    `plan bench: ${tracked} files in git, ${STAGES} stages, ${first.changedFiles} changed files → ${count('build')} build, ${count('test')} test, ${count('skip')} skip`,
  );
  console.log(
    `  slipway plan (in process): median ${fmt(median(p))}  (min ${fmt(Math.min(...p))}) over ${runs} runs — goal < 500 ms: ${median(p) < 500 ? 'met' : 'NOT met'}`,
  );
  console.log(`  baseline (git diff --name-status main HEAD, one process): median ${fmt(median(b))}`);
  console.log(`  ratio plan/baseline: ${(median(p) / median(b)).toFixed(1)}×`);
  if (existsSync(join(REPO, 'dist/cli/main.js'))) {
    const cli: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [BIN, 'plan', '--format', 'json', '--quiet'], {
        cwd: dir,
        env,
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(r.stderr);
      cli.push(performance.now() - t0);
    }
    console.log(
      `  the CLI (node bin/slipway.js plan --format json, process start included): median ${fmt(median(cli))} over 5`,
    );
  }
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  else console.log(dir);
}
