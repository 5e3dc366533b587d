/**
 * Modelling cost: a generated 60-stage, ~2,000-line Dockerfile, a 10,000-file build context and a
 * .dockerignore; median over N runs of what `slipway graph` does before drawing: parse + model + read the
 * context with the ignore rules + match every stage's inputs. Goal: < 300 ms.
 * Baseline in the same run: dockerfile-ast's parse alone plus a bare recursive readdir of the same tree —
 * the floor any implementation pays — so the ratio shows what the model adds.
 * Usage: npx tsx bench/model.ts [--runs N]
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { loadIgnoreRules } from '../src/context/dockerignore.js';
import { stageInputFiles } from '../src/context/inputs.js';
import { ContextIndex } from '../src/context/sources.js';
import { contextTree } from '../src/context/walk.js';
import { stageContextSources } from '../src/dockerfile/context-sources.js';
import { parseDockerfile } from '../src/dockerfile/parse.js';
import { fmt, median } from './lib.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;

function dockerfile(stages: number): string {
  const out = [
    '# syntax=docker/dockerfile:1',
    'ARG BASE=debian:bookworm-slim',
    'ARG NODE_IMAGE=node:24-bookworm-slim',
  ];
  for (let i = 0; i < stages; i++) {
    const parent = i === 0 ? '${BASE}' : i % 7 === 0 ? '${NODE_IMAGE}' : `s${Math.floor(i / 2)}`;
    out.push(`FROM ${parent} AS s${i}`);
    out.push('ARG VERSION=1.0.0', `ENV APP_${i}=value${i} PATH=/opt/s${i}/bin:$PATH`, `WORKDIR /work/s${i}`);
    out.push(
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
      '    --mount=type=cache,target=/var/lib/apt/lists \\',
      '    apt-get update \\',
      ` && apt-get install -y --no-install-recommends pkg-a${i} pkg-b${i} \\`,
      '    libssl-dev zlib1g-dev',
    );
    out.push(`COPY packages/p${i % 40}/package.json packages/p${i % 40}/*.lock ./`);
    out.push(`COPY packages/p${i % 40}/src ./src`);
    if (i > 1) out.push(`COPY --from=s${i - 1} /work/s${i - 1}/out /deps/s${i - 1}`);
    out.push(
      `RUN --mount=type=bind,source=scripts,target=/scripts /scripts/build.sh s${i} \\`,
      '    --verbose \\',
      '    --jobs 2',
    );
    for (let k = 0; k < 14; k++)
      out.push(`RUN echo step ${k} of stage ${i} && test -d /work/s${i} # comment ${k}`);
    out.push(
      `LABEL stage=s${i} org.opencontainers.image.title="stage ${i}"`,
      'USER 1000',
      'EXPOSE 8080',
      'CMD ["run"]',
      '',
    );
  }
  return out.join('\n');
}

function context(dir: string, files: number): void {
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  writeFileSync(join(dir, 'scripts/build.sh'), '#!/bin/sh\n');
  writeFileSync(
    join(dir, '.dockerignore'),
    '**/node_modules\n**/*.log\n.git\ndist\n!dist/keep\ndocs/**/*.png\n',
  );
  for (let i = 0; i < files; i++) {
    const pkg = `packages/p${i % 40}`;
    const sub =
      i % 5 === 0
        ? 'node_modules/dep'
        : i % 5 === 1
          ? 'src/lib'
          : i % 5 === 2
            ? 'src'
            : i % 5 === 3
              ? 'test'
              : 'docs/img';
    const dirPath = join(dir, pkg, sub);
    mkdirSync(dirPath, { recursive: true });
    writeFileSync(join(dirPath, `f${i}.${i % 11 === 0 ? 'log' : i % 5 === 4 ? 'png' : 'ts'}`), '');
  }
  for (let p = 0; p < 40; p++) writeFileSync(join(dir, `packages/p${p}/package.json`), '{}');
}

const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-model-'));
try {
  const text = dockerfile(60);
  writeFileSync(join(dir, 'Dockerfile'), text);
  context(dir, 10_000);
  const lines = text.split('\n').length;

  const model = () => {
    const { model } = parseDockerfile(text, 'Dockerfile');
    const rules = loadIgnoreRules(join(dir, 'Dockerfile'), dir);
    const tree = contextTree(dir, rules);
    const inputs = stageInputFiles(
      stageContextSources(model, text),
      new ContextIndex(tree.files, tree.symlinks),
    );
    return { stages: model.stages.length, files: tree.files.length, inputs };
  };
  const baseline = () => {
    DockerfileParser.parse(text);
    let n = 0;
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : n++;
    };
    walk(dir);
    return n;
  };
  const time = (fn: () => unknown) => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  // Warm-up (JIT, file-system cache), then interleave the two so noise hits both alike.
  const probe = model();
  baseline();
  const m: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    m.push(time(model));
    b.push(time(baseline));
  }
  const total = baseline();
  const inputs = [...probe.inputs.values()].reduce((n, f) => n + f.length, 0);
  console.log(
    `model bench: ${probe.stages} stages, ${lines} lines, ${total} files in the context (${probe.files} after .dockerignore), ${inputs} stage-input file matches`,
  );
  console.log(
    `  slipway model (parse + context + inputs): median ${fmt(median(m))}  (min ${fmt(Math.min(...m))}) over ${runs} runs — goal < 300 ms: ${median(m) < 300 ? 'met' : 'NOT met'}`,
  );
  console.log(`  baseline (dockerfile-ast parse + bare readdir walk): median ${fmt(median(b))}`);
  console.log(`  ratio model/baseline: ${(median(m) / median(b)).toFixed(2)}×`);
  if (process.env.KEEP) {
    console.log(dir);
    process.exit(0);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
