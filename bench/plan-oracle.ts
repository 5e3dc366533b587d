/**
 * Not a timing: `slipway plan` checked against BuildKit itself. Random small repositories (a Dockerfile of 3–5
 * stages with wildcard/class/directory COPY sources, `COPY --from`, bind-mount RUNs, a random .dockerignore)
 * get 1–3 random changes (edits, adds, deletes, renames, ignore-file lines, instruction edits, comments),
 * committed; every stage is built with BuildKit at both revisions and its image compared by content
 * (files, modes, link targets, config; not timestamps). A stage whose image differs but is not planned
 * `build` is a miss; one planned `build` whose image is the same is over-selected.
 *
 *   npx tsx bench/plan-oracle.ts [--seed N] [--scenarios N]
 *
 * Needs the engine and the compiled CLI; RUN stages need a busybox image (the namespace helper
 * slipway makes, found by its label; without one, only FROM scratch stages). Leaves no image behind.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverBuildClient } from '../src/engine/client.js';
import { BIN } from './lib.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, scenarios: { type: 'string' } } });
let seed = Number(values.seed ?? 1);
const N = Number(values.scenarios ?? 40);
const client = await discoverBuildClient();
const HELPER =
  execFileSync('docker', ['images', '-q', '--filter', 'label=dev.slipway.helper'], { encoding: 'utf8' })
    .split('\n')[0]
    ?.trim() || null;
const ROOT = mkdtempSync(join(tmpdir(), 'slipway-plan-oracle-'));
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
const sh = (cmd: string, args: string[], cwd?: string, env: NodeJS.ProcessEnv = {}) =>
  execFileSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const FILES = [
  'src/a.ts',
  'src/b.js',
  'src/sub/c.ts',
  'src/sub/d.md',
  'docs/x.md',
  'README.md',
  'data/1.json',
  'data/keep.json',
  'pkg/package.json',
  'pkg/lock.json',
  'a.txt',
  'b.txt',
  '[x].txt',
  'app.log',
  'src/sub/deep/e.ts',
  '.hidden',
  'notes.md',
  'src/!bang.ts',
  'data/2.json',
];
const NEWFILES = [
  'src/new.ts',
  'src/sub/n.md',
  'docs/y.md',
  'c.txt',
  'data/3.json',
  'z.log',
  'src/sub/deep/f.ts',
  'src/a.tsx',
  'x.txt',
  'pkg/extra.json',
];
const SOURCES = [
  'src',
  'src/',
  'src/*.ts',
  '*.md',
  'src/[ab].*',
  'src/[!a]*',
  'src/[^a]*',
  'data/',
  'data/*.json',
  'pkg/package.json',
  '.',
  'src/**/c.ts',
  'd?ta',
  '*.txt',
  '[[]x].txt',
  'src/sub',
  'src/sub/*',
  'pkg/*.json',
  '*',
  'src/*/*.ts',
  'src/\\!bang.ts',
];
const IGNORES = [
  'docs',
  '*.md',
  '!README.md',
  '**/*.log',
  'src/sub/deep',
  'data/*.json',
  '!data/keep.json',
  'pkg/lock.json',
  '**/d.md',
  'src/*.js',
  '.hidden',
  'notes.md',
  '!src/sub/deep/e.ts',
  'data',
  '[ab].txt',
  '*/sub',
];

function genDockerfile() {
  const n = 3 + Math.floor(rnd() * 3);
  const lines = ['# plan oracle', 'ARG V=1'];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `s${i}`;
    const useRun = HELPER !== null && rnd() < 0.3;
    const parent = i > 0 && rnd() < 0.4 ? pick(names) : useRun ? HELPER : 'scratch';
    lines.push(`FROM ${parent} AS ${name}`);
    const k = 1 + Math.floor(rnd() * 2);
    for (let j = 0; j < k; j++) {
      const srcs = [pick(SOURCES)];
      if (rnd() < 0.3) srcs.push(pick(SOURCES));
      lines.push(`COPY ${[...new Set(srcs)].join(' ')} /c${j}/`);
    }
    if (i > 0 && rnd() < 0.35) lines.push(`COPY --from=${pick(names)} / /from/`);
    if (useRun && parent === HELPER) {
      const src = pick(['src', 'data', 'pkg', '.', 'src/sub']);
      lines.push(
        `RUN --mount=type=bind,source=${src},target=/m ["/bin/busybox", "sh", "-c", "/bin/busybox find /m -type f | /bin/busybox sort | /bin/busybox xargs /bin/busybox md5sum > /sum"]`,
      );
    }
    if (rnd() < 0.3) lines.push(`LABEL n=${name}`);
    names.push(name);
  }
  return lines.join('\n') + '\n';
}

function write(dir: string, f: string, content: string) {
  mkdirSync(dirname(join(dir, f)), { recursive: true });
  writeFileSync(join(dir, f), content);
}

function mutate(dir: string): string {
  const kind = pick([
    'modify',
    'modify',
    'add',
    'delete',
    'rename',
    'ignore',
    'ignore',
    'dockerfile',
    'comment',
  ]);
  const present = FILES.concat(NEWFILES).filter((f) => existsSync(join(dir, f)));
  switch (kind) {
    case 'modify': {
      const f = pick(present);
      write(dir, f, readFileSync(join(dir, f), 'utf8') + `m${rnd()}\n`);
      return `modify ${f}`;
    }
    case 'add': {
      const f = pick(NEWFILES);
      write(dir, f, `new ${rnd()}\n`);
      return `add ${f}`;
    }
    case 'delete': {
      const f = pick(present);
      unlinkSync(join(dir, f));
      return `delete ${f}`;
    }
    case 'rename': {
      const f = pick(present);
      const t = pick(NEWFILES);
      if (existsSync(join(dir, t))) return 'noop';
      mkdirSync(dirname(join(dir, t)), { recursive: true });
      renameSync(join(dir, f), join(dir, t));
      return `rename ${f} ${t}`;
    }
    case 'ignore': {
      const p = join(dir, '.dockerignore');
      const cur = existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean) : [];
      if (cur.length && rnd() < 0.5) {
        const l = pick(cur);
        writeFileSync(p, cur.filter((x) => x !== l).join('\n') + '\n');
        return `ignore -${l}`;
      }
      const l = pick(IGNORES);
      writeFileSync(p, [...cur, l].join('\n') + '\n');
      return `ignore +${l}`;
    }
    case 'dockerfile': {
      const p = join(dir, 'Dockerfile');
      const ls = readFileSync(p, 'utf8').split('\n');
      const idx = ls.flatMap((l, i) => (l.startsWith('COPY ') && !l.includes('--from') ? [i] : []));
      if (!idx.length) return 'noop';
      const i = pick(idx);
      ls[i] = (ls[i] as string).replace(/ (\/c\d+\/)$/, ' /d$1');
      writeFileSync(p, ls.join('\n'));
      return `dockerfile line ${i + 1}`;
    }
    case 'comment': {
      const p = join(dir, 'Dockerfile');
      const ls = readFileSync(p, 'utf8').split('\n');
      const i = 2 + Math.floor(rnd() * (ls.length - 3));
      ls.splice(i, 0, '# a comment');
      writeFileSync(p, ls.join('\n'));
      return `comment at ${i + 1}`;
    }
  }
  return 'noop';
}

function identity(tag: string) {
  const j = JSON.parse(sh('docker', ['image', 'inspect', tag]))[0];
  const id = sh('docker', ['create', tag, 'x']).trim();
  const tar = execFileSync('docker', ['export', id], { maxBuffer: 1 << 28 });
  sh('docker', ['rm', id]);
  const entries: string[] = [];
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const str = (a: number, b: number) => h.subarray(a, b).toString('latin1').replace(/\0.*$/s, '');
    const name = str(345, 500) ? str(345, 500) + '/' + str(0, 100) : str(0, 100);
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157);
    const mode = str(100, 108);
    const body = tar.subarray(off + 512, off + 512 + size);
    if (
      !/^(dev|proc|sys|etc\/(hosts|hostname|resolv.conf|mtab))(\/|$)/.test(name.replace(/^\.\//, '')) &&
      name !== '.dockerenv'
    )
      entries.push(
        `${name} ${type} ${mode} ${str(157, 257)} ${createHash('sha1').update(body).digest('hex')}`,
      );
    off += 512 + Math.ceil(size / 512) * 512;
  }
  entries.sort();
  return JSON.stringify({ files: createHash('sha1').update(entries.join('\n')).digest('hex'), c: j.Config });
}

function buildAll(dir: string, names: string[], rev: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const n of names) {
    const tag = `slipway-plan-oracle:${rev}-${n}`;
    const argv = client.mode === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
    try {
      sh(client.bin, [...argv, '-q', '--target', n, '-t', tag, '.'], dir, client.env);
      out[n] = identity(tag);
    } catch {
      out[n] = null;
    } // a COPY whose wildcard matches nothing at that revision: not compared
  }
  return out;
}

let nulls = 0,
  changedN = 0;
let misses = 0,
  over = 0,
  exact = 0,
  total = 0,
  skipped = 0;
for (let s = 0; s < N; s++) {
  const dir = join(ROOT, `r${s}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of FILES) if (rnd() < 0.85) write(dir, f, `${f} ${rnd()}\n`);
  const ig = IGNORES.filter(() => rnd() < 0.2);
  if (ig.length) writeFileSync(join(dir, '.dockerignore'), ig.join('\n') + '\n');
  const df = genDockerfile();
  writeFileSync(join(dir, 'Dockerfile'), df);
  sh('git', ['init', '-q', '-b', 'main'], dir);
  sh('git', ['add', '-A'], dir);
  sh('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'base'], dir);
  const names = [...df.matchAll(/ AS (s\d+)/g)].map((m) => m[1] as string);
  const before = buildAll(dir, names, 'base');
  const muts: string[] = [];
  const m = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < m; i++) muts.push(mutate(dir));
  sh('git', ['add', '-A'], dir);
  try {
    sh('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'head'], dir);
  } catch {
    skipped++;
    continue;
  }
  const after = buildAll(dir, names, 'head');
  let plan: { stages: { name: string; action: string }[] };
  try {
    plan = JSON.parse(sh(process.execPath, [BIN, 'plan', '--base', 'HEAD~1', '--format', 'json'], dir));
  } catch (e) {
    console.log(`#${s} plan failed: ${(e as { stderr?: string }).stderr ?? e}`);
    misses++;
    continue;
  }
  for (const n of names) {
    if (before[n] === null || after[n] === null) {
      nulls++;
      continue;
    }
    total++;
    const changed = before[n] !== after[n];
    if (changed) changedN++;
    const action = plan.stages.find((x) => x.name === n)?.action;
    if (changed && action !== 'build') {
      misses++;
      console.log(`MISS #${s} stage ${n}: buildkit changed, plan ${action}; changes: ${muts.join('; ')}`);
    } else if (!changed && action === 'build') over++;
    else exact++;
  }
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `plan oracle, seed ${values.seed ?? 1}: ${N} scenarios (${skipped} without a change), ${total} stage comparisons (${nulls} builds refused at a revision, not compared); images changed: ${changedN}`,
);
console.log(
  `misses: ${misses}, over-selected: ${over}, exact: ${exact}${HELPER ? '' : ' (no busybox image: FROM scratch stages only)'}`,
);
sh('sh', [
  '-c',
  'docker images --format "{{.Repository}}:{{.Tag}}" | grep ^slipway-plan-oracle: | xargs -r docker rmi -f >/dev/null',
]);
rmSync(ROOT, { recursive: true, force: true });
process.exitCode = misses ? 1 : 0;
