import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { circleciContinuation } from '../../ci/circleci-continuation.js';
import { CI_PATHS, PROVIDERS, type Provider } from '../../ci/contract.js';
import { baseRevision, defaultRegistry, type Env, flag, pushBlocked } from '../../ci/event.js';
import { githubPlanOutputs } from '../../ci/github-output.js';
import { circleciParameters } from '../../ci/index.js';
import { ciSettings } from '../../ci/settings.js';
import { UserError } from '../../core/errors.js';
import type { Plan } from '../../plan/plan-types.js';
import { invocationOf } from '../../project/invocation.js';
import { openProject, type Project, selectStages } from '../../project/project.js';
import { summaryLine } from '../../report/check/index.js';
import { PLAN_FORMATS } from '../../report/plan/index.js';
import { ciContext } from '../../ship/ci-context.js';
import { ciPlan } from '../../ship/ci-plan.js';
import { stageJob, writeJobRecord } from '../../ship/stage-job.js';
import { cwdOf, keyValues, oneOf, parse } from '../args.js';
import { engineContext, progressPrinter } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import { type Io, printDiagnostics } from '../io.js';
import { writeJunitFiles } from '../junit.js';
import { version } from '../version.js';

const env = (): Env => process.env;

/** The CI's registry: `--registry`, the config's `ci.registry`, the CI repository's GHCR name — lower-cased. */
export function registryOf(p: Project, provider: Provider | null, given: string | undefined): string {
  const r = given || p.config.ci.registry || (provider ? defaultRegistry(provider, env()) : null);
  if (!r)
    throw new UserError('no registry to push stage images to', {
      hint: 'pass --registry HOST/REPOSITORY, or set ci.registry in slipway.yaml',
    });
  return r.toLowerCase();
}

export const providerOf = (v: string | undefined): Provider | null =>
  v === undefined ? null : oneOf(v, PROVIDERS, 'github', '--provider');

/** The `--build-arg K=V` option of the commands the generated jobs call (repeatable). */
export const BUILD_ARG = { 'build-arg': { type: 'string', multiple: true } } as const;

/** The project a CI command works on: `--cwd`, `-c`, `-f` and `--build-arg` as every command takes them. */
export function ciProject(values: {
  cwd?: string | undefined;
  config?: string | undefined;
  file?: string | undefined;
  'build-arg'?: string[] | undefined;
}): Project {
  return openProject(cwdOf(values), {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
    buildArgs: keyValues(values['build-arg'], '--build-arg'),
  });
}

export const ciPlanHelp = `slipway ci plan --provider github|circleci [--registry R] [--base REV] [options]

The plan for this CI event (docs/ci.md): the affected stages of the git plan, plus every stage whose
fingerprint has no image in the registry, every stage with SLIPWAY_REBUILD_ALL=true. Written where
the provider reads it: GitHub step outputs ($GITHUB_OUTPUT: stages, plan, registry, push); for
CircleCI the continuation config (--out) and its parameters (--parameters).

  --provider P        github or circleci
  --registry R        the repository of stage images (default: ci.registry, else ghcr.io/<repository>)
  --base REV          the revision to compare with ('', <nil> or zeros: none; default: the CI's own)
  --out FILE          CircleCI: the continuation config (default .slipway/continue.yml)
  --parameters FILE   CircleCI: its parameters (default .slipway/parameters.json)
  --build-arg K=V     for ARG substitution in FROM and the fingerprints (repeatable)
  -c, --config FILE / -f, --file FILE / --cwd DIR   (paths relative to --cwd)`;

export async function ciPlanCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    provider: { type: 'string' },
    registry: { type: 'string' },
    base: { type: 'string' },
    out: { type: 'string' },
    parameters: { type: 'string' },
    ...BUILD_ARG,
  });
  if (values.help) {
    io.out(ciPlanHelp);
    return EXIT.ok;
  }
  const provider = providerOf(values.provider) ?? 'github';
  const p = ciProject(values);
  printDiagnostics(io, p.warnings);
  const registry = registryOf(p, provider, values.registry);
  const ctx = await engineContext(io);
  const plan = await ciPlan(
    p,
    { ...ctx, onEvent: progressPrinter(io, true) },
    {
      registry,
      base: baseRevision(values.base),
      rebuildAll: flag(env().SLIPWAY_REBUILD_ALL),
      env: env(),
    },
  );
  const blocked = pushBlocked(provider, env(), githubEvent());
  if (blocked) io.err(`slipway: nothing is pushed in this run: ${blocked}`);
  const run = { registry, push: !blocked };
  io.err(PLAN_FORMATS.text(plan));
  if (provider === 'github') {
    const text = githubPlanOutputs(plan, run);
    if (env().GITHUB_OUTPUT) appendFileSync(env().GITHUB_OUTPUT as string, text);
    else io.out(text);
  } else {
    const cwd = cwdOf(values);
    const out = resolve(cwd, values.out ?? CI_PATHS.continuation);
    const params = resolve(cwd, values.parameters ?? CI_PATHS.parameters);
    for (const f of [out, params]) mkdirSync(dirname(f), { recursive: true });
    const settings = ciSettings(p.config, p.model, version(), invocationOf(p));
    writeFileSync(out, circleciContinuation(p.model, plan, settings));
    writeFileSync(params, circleciParameters(run));
    io.out(`wrote ${out} and ${params}`);
  }
  return EXIT.ok;
}

function githubEvent(): unknown {
  const f = env().GITHUB_EVENT_PATH;
  if (!f) return undefined;
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch {
    return undefined;
  }
}

export const ciJobHelp = `slipway ci job STAGE --provider github|circleci [--action build|test] [--registry R] [options]

One stage's job on a fresh CI machine (docs/ci.md): its image pulled by fingerprint when the registry
has it, else built with --cache-from the registry's images of it and of the stages it stands on; tested
against its spec; pushed only when it passed (STAGE-fp-<fingerprint>, STAGE-<sha>, then STAGE-<branch>).
Prints name@sha256:…; writes <junit-dir>/<stage>.xml and <record-dir>/<stage>.json.

  --action A          build or test (default: the stage's action in SLIPWAY_PLAN; skip: nothing to do)
  --registry R        the repository of stage images (default: SLIPWAY_REGISTRY, ci.registry, ghcr.io/…)
  --no-push           build and test, push nothing (also SLIPWAY_PUSH=false: a fork's read-only token)
  --junit-dir DIR     (default .slipway/junit)
  --record-dir DIR    (default .slipway/records)
  --build-arg K=V     build argument (repeatable; adds to slipway.yaml buildArgs)
  -c, --config FILE / -f, --file FILE / --cwd DIR / -q, --quiet   (paths relative to --cwd)`;

export async function ciJobCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    provider: { type: 'string' },
    action: { type: 'string' },
    registry: { type: 'string' },
    'no-push': { type: 'boolean' },
    'junit-dir': { type: 'string' },
    'record-dir': { type: 'string' },
    ...BUILD_ARG,
  });
  if (values.help) {
    io.out(ciJobHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new UserError('give one stage: slipway ci job STAGE', { hint: ciJobHelp });
  const provider = providerOf(values.provider);
  const p = ciProject(values);
  printDiagnostics(io, p.warnings);
  const stage = selectStages(p.model, positionals)[0]?.key as string;
  const planned = plannedStage(stage);
  const action = values.action
    ? oneOf(values.action, ['build', 'test'] as const, 'build', '--action')
    : (planned?.action ?? 'build');
  if (action === 'skip') {
    io.out(`${stage}: the plan skips it; nothing to do`);
    return EXIT.ok;
  }
  const registry = registryOf(p, provider, values.registry || env().SLIPWAY_REGISTRY);
  const push = !values['no-push'] && env().SLIPWAY_PUSH?.trim().toLowerCase() !== 'false';
  const ctx = await engineContext(io);
  const result = await stageJob(
    p,
    { ...ctx, onEvent: progressPrinter(io, Boolean(values.quiet)) },
    {
      stage,
      action,
      reasons: planned?.reasons ?? [],
      registry,
      push,
      rebuildAll: flag(env().SLIPWAY_REBUILD_ALL),
      defaultBranch: p.config.ci.defaultBranch,
      ci: await ciContext(provider, env(), p.config.root),
      describe: summaryLine,
    },
  );
  // Where the generated job uploads them from: relative to where the command runs (--cwd).
  const cwd = cwdOf(values);
  if (result.test) writeJunitFiles(resolve(cwd, values['junit-dir'] ?? CI_PATHS.junit), [result.test]);
  writeJobRecord(resolve(cwd, values['record-dir'] ?? CI_PATHS.records), stage, result.record);
  const s = result.record.stages[0];
  if (s?.build.failure)
    io.err(`stage ${stage} failed at ${s.build.failure.step}\n  ${s.build.failure.message}`);
  for (const f of result.test?.results.filter((r) => r.outcome === 'fail') ?? [])
    io.err(`  ${summaryLine(f)}`);
  for (const st of result.smoke?.steps ?? [])
    io.err(`  smoke ${st.ok ? 'ok  ' : 'FAIL'} ${st.step.padEnd(22)} ${st.message}`);
  io.err(
    `slipway: ${stage}: ${s?.build.status}, ${s?.build.stepsRun ?? 0} steps run, ${s?.build.stepsCached ?? 0} cached; test ${s?.test.status}`,
  );
  if (result.pushed) io.out(result.pushed);
  return result.ok ? EXIT.ok : EXIT.failed;
}

/** The stage's entry in the plan the plan job handed on (SLIPWAY_PLAN), if any. */
function plannedStage(stage: string): Plan['stages'][number] | null {
  const raw = env().SLIPWAY_PLAN;
  if (!raw) return null;
  try {
    const plan = JSON.parse(raw) as Plan;
    return plan.stages.find((s) => s.name === stage) ?? { name: stage, action: 'skip', reasons: [] };
  } catch {
    throw new UserError('SLIPWAY_PLAN is not the JSON of a plan', {
      hint: 'it is the plan job’s `plan` output',
    });
  }
}
