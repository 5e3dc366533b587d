import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../core/process.js';
import type { BuildClient } from './client.js';
import { isInstructionStep, PlainProgressParser, type Step } from './progress.js';

export interface BuildRequest {
  client: BuildClient;
  dockerfile: string;
  context: string;
  target: string;
  tags: string[];
  labels: Record<string, string>;
  buildArgs: Record<string, string>;
  /** BuildKit secrets: `--secret id=ID,src=FILE`. Never build args: secrets must not reach a layer or history. */
  secrets: { id: string; src: string }[];
  noCache?: boolean;
  /** A buildx builder (a remote BuildKit, the Kubernetes driver): needs the buildx plugin. */
  builder?: string;
  /** Images whose inline cache the build may use (`--cache-from`). */
  cacheFrom?: string[];
  /** Each line of BuildKit's plain progress, as it arrives. */
  onLine?: (line: string) => void;
}

export interface BuildFailure {
  step: string;
  message: string;
  logTail: string[];
}

/** A build's outcome is data: success with the image id, or the failing step and the tail of its log. */
export interface BuildOutcome {
  target: string;
  ok: boolean;
  durationMs: number;
  imageId: string | null;
  /** Dockerfile steps that ran vs came from the cache. */
  executed: string[];
  cached: string[];
  failure: BuildFailure | null;
}

/** One field of a CSV record, as the docker CLI reads `--secret` (a path with a comma or a quote is quoted). */
const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function dockerBuildArgv(req: BuildRequest, iidfile: string): string[] {
  const args =
    req.client.mode === 'buildx'
      ? ['buildx', 'build', ...(req.builder ? ['--builder', req.builder] : []), '--load']
      : ['build'];
  args.push('--progress=plain', '--file', req.dockerfile, '--target', req.target, '--iidfile', iidfile);
  for (const t of req.tags) args.push('--tag', t);
  for (const [k, v] of Object.entries(req.labels)) args.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(req.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const s of req.secrets) args.push('--secret', [`id=${s.id}`, `src=${s.src}`].map(csvField).join(','));
  if (req.noCache) args.push('--no-cache');
  for (const c of req.cacheFrom ?? []) args.push('--cache-from', c);
  args.push(req.context);
  return args;
}

export async function dockerBuild(req: BuildRequest): Promise<BuildOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-build-'));
  const iidfile = join(dir, 'iid');
  const parser = new PlainProgressParser();
  const t0 = Date.now();
  try {
    const r = await run(req.client.bin, dockerBuildArgv(req, iidfile), {
      env: req.client.env,
      onOutput: (chunk) => {
        for (const l of parser.push(chunk)) req.onLine?.(l);
      },
    });
    const summary = parser.end();
    const steps = summary.steps.filter(isInstructionStep);
    const outcome: BuildOutcome = {
      target: req.target,
      ok: r.code === 0,
      durationMs: Date.now() - t0,
      imageId: null,
      executed: steps.filter((s) => s.status === 'done').map((s) => s.name),
      cached: steps.filter((s) => s.status === 'cached').map((s) => s.name),
      failure: null,
    };
    if (r.code === 0) outcome.imageId = readFileSync(iidfile, 'utf8').trim();
    else outcome.failure = describeFailure(summary.failed, summary.finalError, r.stderr);
    return outcome;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeFailure(failed: Step | null, finalError: string | null, stderr: string): BuildFailure {
  if (failed) {
    return {
      step: failed.name,
      message: finalError ?? failed.error ?? 'failed',
      logTail: failed.log.slice(-20),
    };
  }
  const tail = stderr.trim().split('\n').slice(-15);
  return {
    step: '(before any step)',
    message: finalError ?? tail[tail.length - 1] ?? 'build failed',
    logTail: tail,
  };
}
