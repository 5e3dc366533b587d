import CircleCI from '@circleci/circleci-config-sdk';
import type { DockerfileModel } from '../dockerfile/stage.js';
import { configYaml, continuationOrb, jobOptions, machine, prelude } from './circleci-parts.js';
import { CI_ENV, CI_PATHS, CIRCLECI_PARAMS, planCommand } from './contract.js';
import { PLAN_JOB } from './jobs.js';
import { type CiSettings, inCheckout } from './settings.js';
import { header } from './yaml.js';

/** The one workflow of the setup config, and of the continuation (a pipeline runs one workflow). */
export const CIRCLECI_WORKFLOW = 'slipway';

/** The pipeline parameter of the setup config; the continuation declares it too, with the same default. */
export const rebuildAllParameter = (config: InstanceType<typeof CircleCI.Config>) =>
  config.defineParameter(
    CIRCLECI_PARAMS.rebuildAll,
    'boolean',
    false,
    'Rebuild every stage, even those whose image is already in the registry (set it in the weekly scheduled pipeline)',
  );

/**
 * `.circleci/config.yml`: a setup config (`setup: true`) whose one job runs `slipway ci plan` and continues the
 * pipeline, through the certified continuation orb, with the config `ci plan` generated for this commit
 * ({@link circleciContinuation}). Pure: the model and settings in, the file's text out.
 */
export function circleciSetupConfig(model: DockerfileModel, s: CiSettings): string {
  const orb = continuationOrb();
  const plan = new CircleCI.Job(PLAN_JOB, machine(s), [
    ...prelude(s, s.ci.registry),
    new CircleCI.commands.Run({
      name: 'slipway ci plan',
      command: planCommand(s.command, 'circleci', s.ci.registry, s.args),
      environment: { [CI_ENV.rebuildAll]: `<< pipeline.parameters.${CIRCLECI_PARAMS.rebuildAll} >>` },
    }),
    new CircleCI.commands.StoreArtifacts({ path: inCheckout(s, CI_PATHS.continuation) }),
    new CircleCI.reusable.ReusedCommand(
      orb.commands.continue as NonNullable<(typeof orb.commands)['continue']>,
      {
        configuration_path: inCheckout(s, CI_PATHS.continuation),
        parameters: inCheckout(s, CI_PATHS.parameters),
      },
    ),
  ]);
  const config = new CircleCI.Config(true, [plan]);
  config.importOrb(orb);
  rebuildAllParameter(config);
  config.addWorkflow(new CircleCI.Workflow(CIRCLECI_WORKFLOW).addJob(plan, jobOptions(s)));
  const stages = model.stages.filter((st) => st.name !== null).map((st) => st.key);
  return (
    header(
      s,
      'slipway: plans the pipeline, then continues it with the jobs of the affected stages',
      'ci circleci',
    ) +
    `# stages: ${stages.join(', ') || '(none)'}\n` +
    configYaml(config)
  );
}
