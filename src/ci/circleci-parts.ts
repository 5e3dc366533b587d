import CircleCI from '@circleci/circleci-config-sdk';
import { loginScript, registryHost } from './contract.js';
import type { CiSettings } from './settings.js';
import { toYaml } from './yaml.js';

/** What the setup config and the continuation share: the executor, the first steps, the filters. */

/** CircleCI's certified continuation orb: its `continue` command posts to /api/v2/pipeline/continue. */
export const CONTINUATION_ORB = {
  alias: 'continuation',
  namespace: 'circleci',
  name: 'continuation',
  version: '2.0.1',
};

export const continuationOrb = () =>
  new CircleCI.orb.OrbImport(
    CONTINUATION_ORB.alias,
    CONTINUATION_ORB.namespace,
    CONTINUATION_ORB.name,
    CONTINUATION_ORB.version,
    undefined,
    {
      commands: {
        continue: new CircleCI.parameters.CustomParametersList([
          new CircleCI.parameters.CustomParameter('configuration_path', 'string'),
          new CircleCI.parameters.CustomParameter('parameters', 'string'),
        ]),
      },
      jobs: {},
      executors: {},
    },
  );

/** The pattern of version tags that publish a release; CircleCI runs no job on a tag without a tag filter. */
export const CIRCLECI_TAGS = '/^v.*/';
export const anyBranchAndVersionTags = () => ({ tags: { only: CIRCLECI_TAGS } });

/** The machine executor: a whole VM with its own Docker engine (the smoke run binds 127.0.0.1 and volumes). */
export const machine = (s: CiSettings) =>
  new CircleCI.executors.MachineExecutor(
    s.ci.circleci.resourceClass as CircleCI.types.executors.machine.MachineResourceClass,
    s.ci.circleci.machine,
  );

/** Checkout (CircleCI clones the history), the setup command, the registry login when credentials are set. */
export function prelude(s: CiSettings, registry: string | null) {
  const host = registry ? registryHost(registry) : 'ghcr.io';
  return [
    new CircleCI.commands.Checkout(),
    ...(s.ci.setup ? [new CircleCI.commands.Run({ name: 'Set up slipway', command: s.ci.setup })] : []),
    new CircleCI.commands.Run({ name: `Log in to ${host}`, command: loginScript(host) }),
  ];
}

/** The workflow-job options every job gets: the tag filter, and the context holding the credentials. */
export const jobOptions = (
  s: CiSettings,
  requires: string[] = [],
  filters: object = anyBranchAndVersionTags(),
) => ({
  ...(requires.length ? { requires } : {}),
  filters,
  ...(s.ci.circleci.context ? { context: [s.ci.circleci.context] } : {}),
});

/** The config in a stable key order (version, setup, orbs, parameters, jobs, workflows) as YAML. */
export function configYaml(config: InstanceType<typeof CircleCI.Config>): string {
  const g = config.generate() as unknown as Record<string, unknown>;
  const ordered: Record<string, unknown> = { version: g.version };
  if (g.setup) ordered.setup = true;
  for (const k of ['orbs', 'parameters', 'jobs', 'workflows']) if (g[k] !== undefined) ordered[k] = g[k];
  return toYaml(ordered);
}
