import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { parse as parseYaml } from 'yaml';

/**
 * Plays a generated GitHub Actions workflow on this machine, as GitHub would run it on fresh runners: jobs
 * in `needs` order, each job's `if:` and each step's `env:` evaluated with GitHub's own expression library
 * (@actions/expressions), `run:` steps executed with bash and GitHub's environment (GITHUB_OUTPUT files
 * parsed into step and job outputs), artifacts uploaded and downloaded through a local store, and the
 * workspace's `.slipway/` emptied between jobs (a fresh checkout). Steps that only set the runner up
 * (checkout, setup-node, `scripts/setup.sh`, registry login) are not run: this machine is set up already.
 */
export interface ReplayEvent {
  name: 'push' | 'pull_request' | 'workflow_dispatch' | 'schedule';
  ref: string;
  sha: string;
  /** The event payload (`github.event`). */
  payload: Record<string, unknown>;
}

export interface StepRun {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
}

export interface JobRun {
  id: string;
  status: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  /** What the job wrote to its summary ($GITHUB_STEP_SUMMARY). */
  summary: string;
  steps: StepRun[];
}

interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  steps: Step[];
}

const SETUP = [/^bash scripts\/setup\.sh$/, /docker login/];

export async function replayWorkflow(
  yamlText: string,
  o: {
    cwd: string;
    event: ReplayEvent;
    repository: string;
    /** Runs after each job that ran: the test clears the engine as a fresh runner would start. */
    afterJob?: (job: JobRun) => Promise<void>;
  },
): Promise<Map<string, JobRun>> {
  const wf = parseYaml(yamlText) as { jobs: Record<string, Job> };
  const artifacts = mkdtempSync(join(tmpdir(), 'slipway-artifacts-'));
  const results = new Map<string, JobRun>();
  const needsOf = (j: Job) => (j.needs === undefined ? [] : Array.isArray(j.needs) ? j.needs : [j.needs]);
  const order = topological(wf.jobs, needsOf);
  const refName = o.event.ref.replace(/^refs\/(heads|tags)\//, '');
  const github = {
    event_name: o.event.name,
    ref: o.event.ref,
    ref_name: refName,
    ref_type: o.event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha: o.event.sha,
    repository: o.repository,
    actor: 'replay',
    event: o.event.payload,
  };
  try {
    for (const id of order) {
      const job = wf.jobs[id] as Job;
      const needs = needsOf(job);
      const ancestors = new Set<string>();
      const walk = (j: string) => {
        for (const n of needsOf(wf.jobs[j] as Job)) if (!ancestors.has(n)) ancestors.add(n) && walk(n);
      };
      walk(id);
      const failed = [...ancestors].some((a) => results.get(a)?.status === 'failure');
      const needsCtx = Object.fromEntries(
        needs.map((n) => [
          n,
          { result: results.get(n)?.status ?? 'skipped', outputs: results.get(n)?.outputs ?? {} },
        ]),
      );
      const ctx = { github, needs: needsCtx, inputs: {}, secrets: {}, vars: {} };
      const run: JobRun = { id, status: 'success', outputs: {}, summary: '', steps: [] };
      // Without an `if`, a job runs when every job it needs succeeded (GitHub's implied success()).
      const go = job.if
        ? truthy(evaluate(job.if, ctx, failed))
        : needs.every((n) => results.get(n)?.status === 'success');
      if (!go) {
        results.set(id, { ...run, status: 'skipped' });
        continue;
      }
      rmSync(join(o.cwd, '.slipway'), { recursive: true, force: true });
      const steps: Record<string, { outputs: Record<string, string> }> = {};
      for (const step of job.steps) {
        const stepCtx = { ...ctx, steps };
        if (step.if && !truthy(evaluate(step.if, stepCtx, run.status === 'failure' || failed))) continue;
        if (step.uses?.startsWith('actions/upload-artifact')) {
          upload(artifacts, o.cwd, step.with ?? {});
          continue;
        }
        if (step.uses?.startsWith('actions/download-artifact')) {
          download(artifacts, o.cwd, step.with ?? {});
          continue;
        }
        if (!step.run || run.status === 'failure' || SETUP.some((re) => re.test(step.run as string)))
          continue;
        const env = Object.fromEntries(
          Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), stepCtx, failed)]),
        );
        const out = join(artifacts, `${id}-${step.id ?? run.steps.length}.output`);
        writeFileSync(out, '');
        const eventFile = join(artifacts, 'event.json');
        writeFileSync(eventFile, JSON.stringify(o.event.payload));
        const r = await bash(step.run, o.cwd, {
          ...process.env,
          GITHUB_ACTIONS: 'true',
          GITHUB_EVENT_NAME: github.event_name,
          GITHUB_EVENT_PATH: eventFile,
          GITHUB_REF: github.ref,
          GITHUB_REF_NAME: github.ref_name,
          GITHUB_REF_TYPE: github.ref_type,
          GITHUB_SHA: github.sha,
          GITHUB_REPOSITORY: github.repository,
          GITHUB_ACTOR: github.actor,
          GITHUB_OUTPUT: out,
          GITHUB_STEP_SUMMARY: join(artifacts, `${id}.summary.md`),
          ...env,
        });
        run.steps.push({ name: step.name ?? step.run, ...r });
        if (step.id) steps[step.id] = { outputs: readOutputs(readFileSync(out, 'utf8')) };
        if (r.code !== 0) run.status = 'failure';
      }
      const summary = join(artifacts, `${id}.summary.md`);
      if (existsSync(summary)) run.summary = readFileSync(summary, 'utf8');
      run.outputs = Object.fromEntries(
        Object.entries(job.outputs ?? {}).map(([k, v]) => [k, interpolate(v, { ...ctx, steps }, failed)]),
      );
      results.set(id, run);
      await o.afterJob?.(run);
    }
    return results;
  } finally {
    rmSync(artifacts, { recursive: true, force: true });
  }
}

function topological(jobs: Record<string, Job>, needsOf: (j: Job) => string[]): string[] {
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`a cycle through job ${id}`);
    if (!jobs[id]) throw new Error(`unknown job ${id} in needs`);
    state.set(id, 'visiting');
    for (const n of needsOf(jobs[id] as Job)) visit(n);
    state.set(id, 'done');
    out.push(id);
  };
  for (const id of Object.keys(jobs)) visit(id);
  return out;
}

/** `${{ expr }}` evaluated; a whole-value expression keeps GitHub's string coercion. */
function interpolate(text: string, ctx: object, failed: boolean): string {
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, e: string) => evaluate(e, ctx, failed).coerceString());
}

function evaluate(expr: string, ctx: object, failed: boolean): data.ExpressionData {
  const body = expr.trim().replace(/^\$\{\{(.*)\}\}$/s, '$1');
  const lexed = new Lexer(body).lex();
  const status = (name: string, value: boolean): FunctionDefinition => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value),
  });
  const fns = [
    status('cancelled', false),
    status('failure', failed),
    status('success', !failed),
    status('always', true),
  ];
  const parsed = new Parser(lexed.tokens, Object.keys(ctx), fns).parse();
  const dict = JSON.parse(JSON.stringify(ctx), data.reviver) as data.Dictionary;
  return new Evaluator(parsed, dict, new Map(fns.map((f) => [f.name.toLowerCase(), f]))).evaluate();
}

/** `name=value` and `name<<DELIM … DELIM` lines of a GITHUB_OUTPUT file. */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const m = /^([^=<]+)<<(.+)$/.exec(l);
    if (m) {
      const end = lines.indexOf(m[2] as string, i + 1);
      out[m[1] as string] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (l.includes('=')) out[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
  }
  return out;
}

function upload(store: string, cwd: string, w: Record<string, unknown>): void {
  const from = join(cwd, String(w.path));
  if (!existsSync(from)) return;
  cpSync(from, join(store, 'artifacts', String(w.name)), { recursive: true });
}

function download(store: string, cwd: string, w: Record<string, unknown>): void {
  const dir = join(store, 'artifacts');
  if (!existsSync(dir)) return;
  const re = new RegExp(
    `^${String(w.pattern ?? w.name)
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  const to = join(cwd, String(w.path));
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(dir).filter((n) => re.test(n)))
    cpSync(join(dir, name), w['merge-multiple'] ? to : join(to, name), { recursive: true });
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Omit<StepRun, 'name'>> {
  return new Promise((resolve) => {
    const c = spawn('bash', ['-e', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    c.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    c.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
