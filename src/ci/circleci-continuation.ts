import CircleCI from '@circleci/circleci-config-sdk';
import type { DockerfileModel } from '../dockerfile/stage.js';
import { CIRCLECI_WORKFLOW, rebuildAllParameter } from './circleci.js';
import { CIRCLECI_TAGS, configYaml, jobOptions, machine, prelude } from './circleci-parts.js';
import { CI_ENV, CI_PATHS, CIRCLECI_PARAMS, jobCommand, publishCommand } from './contract.js';
import type { CiRun } from './github-output.js';
import { IDLE_JOB, PUBLISH_JOB, type StageJob, stageJobs } from './jobs.js';
import { actionOf, type CiPlan } from './plan.js';
import { type CiSettings, inCheckout } from './settings.js';
import { header } from './yaml.js';

type Job = InstanceType<typeof CircleCI.Job>;

/**
 * The config `slipway ci plan --provider circleci` continues the pipeline with: only the jobs of the stages
 * the plan runs, each requiring the nearest stages it depends on that run too (skipped and unnamed stages
 * passed through), then `publish` on the default branch and version tags. Declares every pipeline parameter
 * the setup config declares (same defaults) plus those `ci plan` passes ({@link circleciParameters}).
 * With no stage to run it is still a valid config: one no-op job (and publish, on a release ref).
 */
export function circleciContinuation(model: DockerfileModel, plan: CiPlan, s: CiSettings): string {
  const all = stageJobs(model);
  const runs = all.filter((j) => actionOf(plan, j.stage) !== 'skip');
  const config = new CircleCI.Config(false);
  rebuildAllParameter(config);
  config.defineParameter(
    CIRCLECI_PARAMS.registry,
    'string',
    '',
    'The registry repository, from slipway ci plan',
  );
  config.defineParameter(
    CIRCLECI_PARAMS.push,
    'boolean',
    false,
    'Whether the jobs may push (false for forks)',
  );
  const workflow = new CircleCI.Workflow(CIRCLECI_WORKFLOW);
  const push = `<< pipeline.parameters.${CIRCLECI_PARAMS.push} >>`;
  for (const j of runs) {
    const job = stageJob(j, actionOf(plan, j.stage) as 'build' | 'test', s, push);
    config.addJob(job);
    workflow.addJob(job, jobOptions(s, requiresOf(j, all, runs)));
  }
  if (!runs.length) {
    const idle = new CircleCI.Job(
      IDLE_JOB,
      new CircleCI.executors.DockerExecutor('cimg/base:current', 'small'),
      [
        new CircleCI.commands.Run({
          name: 'Nothing to build',
          command: 'echo "slipway ci plan: no stage to build or test"',
        }),
      ],
    );
    config.addJob(idle);
    workflow.addJob(idle, jobOptions(s));
  }
  if (s.publish) {
    const job = publishJob(s, push, runs.length > 0);
    config.addJob(job);
    const filters = { branches: { only: [s.ci.defaultBranch] }, tags: { only: CIRCLECI_TAGS } };
    workflow.addJob(
      job,
      jobOptions(
        s,
        runs.map((j) => j.id),
        filters,
      ),
    );
  }
  config.addWorkflow(workflow);
  const counts = `${runs.length} of ${all.length} stage job(s): ${runs.map((j) => `${j.stage} (${actionOf(plan, j.stage)})`).join(', ') || 'none'}`;
  return (
    header(s, `slipway: the continuation for ${plan.head}${plan.base ? ` (base ${plan.base})` : ''}`, null) +
    `# ${counts}\n` +
    configYaml(config)
  );
}

/** The pipeline parameters `ci plan` passes with the continuation (never one a trigger may pass). */
export const circleciParameters = (run: CiRun): string =>
  `${JSON.stringify({ [CIRCLECI_PARAMS.registry]: run.registry.toLowerCase(), [CIRCLECI_PARAMS.push]: run.push })}\n`;

/** The nearest stages `j` depends on that run in this pipeline: skipped ones are passed through. */
function requiresOf(j: StageJob, all: readonly StageJob[], runs: readonly StageJob[]): string[] {
  const out: string[] = [];
  const visit = (stage: string) => {
    const dep = all.find((x) => x.stage === stage);
    if (!dep) return;
    if (runs.includes(dep)) {
      if (!out.includes(dep.id)) out.push(dep.id);
    } else for (const d of dep.needs) visit(d);
  };
  for (const d of j.needs) visit(d);
  return out;
}

function stageJob(j: StageJob, action: 'build' | 'test', s: CiSettings, push: string): Job {
  return new CircleCI.Job(j.id, machine(s), [
    ...prelude(s, s.ci.registry),
    new CircleCI.commands.Run({
      name: `slipway ci job ${j.stage}`,
      command: jobCommand(s.command, 'circleci', j.stage, s.args, action),
      environment: { [CI_ENV.push]: push },
    }),
    new CircleCI.commands.StoreTestResults({ path: inCheckout(s, CI_PATHS.junit) }),
    new CircleCI.commands.StoreArtifacts({ path: inCheckout(s, CI_PATHS.records) }),
    new CircleCI.commands.workspace.Persist({ root: inCheckout(s, '.slipway'), paths: ['records'] }),
  ]);
}

/** `records`: whether stage jobs ran and persisted their records to the workspace (attaching none fails). */
function publishJob(s: CiSettings, push: string, records: boolean): Job {
  return new CircleCI.Job(PUBLISH_JOB, machine(s), [
    ...prelude(s, s.ci.registry),
    ...(records ? [new CircleCI.commands.workspace.Attach({ at: inCheckout(s, '.slipway') })] : []),
    new CircleCI.commands.Run({
      name: `slipway publish ${s.publish}`,
      command: publishCommand(s.command, 'circleci', s.publish as string, s.args),
      environment: { [CI_ENV.push]: push },
    }),
    new CircleCI.commands.StoreArtifacts({ path: inCheckout(s, CI_PATHS.run) }),
  ]);
}
