/**
 * The contract between the generated CI and the slipway commands its jobs call (docs/ci.md): the command
 * lines, the environment, the files and the artifact names. Both generators build their jobs from these, and
 * `ci plan`, `ci job` and `publish` implement them.
 */
import { shellLine, shellWord } from './shell.js';

export type Provider = 'github' | 'circleci';
export const PROVIDERS: readonly Provider[] = ['github', 'circleci'];

/** Files a job writes or reads, relative to the checkout (`.slipway/` is git-ignored). */
export const CI_PATHS = {
  /** `ci job` writes `<stage>.xml` (JUnit) here; the job uploads the directory. */
  junit: '.slipway/junit',
  /** `ci job` writes `<stage>.json` (its part of the run record) here; `publish` reads every one. */
  records: '.slipway/records',
  /** `publish` writes the merged run record here. */
  run: '.slipway/run.json',
  /** CircleCI: `ci plan` writes the continuation config and its pipeline parameters here. */
  continuation: '.slipway/continue.yml',
  parameters: '.slipway/parameters.json',
} as const;

/** Environment the generated jobs set for slipway. */
export const CI_ENV = {
  /** The plan JSON (GitHub: the plan job's `plan` output). */
  plan: 'SLIPWAY_PLAN',
  /** The registry repository, resolved and lower-cased by `ci plan` (GitHub: its `registry` output). */
  registry: 'SLIPWAY_REGISTRY',
  /** `true` or `false`: whether jobs may push (false for pull requests from forks). */
  push: 'SLIPWAY_PUSH',
  /** `true`: plan every stage as `build` (the weekly schedule, a manual run with rebuild-all). */
  rebuildAll: 'SLIPWAY_REBUILD_ALL',
  /** GitHub: the base revision of the event (pull request base, merge group base, or the push's before). */
  base: 'SLIPWAY_BASE',
  /** Registry credentials (GitHub secrets, CircleCI project or context variables); absent: pull only. */
  username: 'SLIPWAY_REGISTRY_USERNAME',
  password: 'SLIPWAY_REGISTRY_PASSWORD',
} as const;

/** GitHub artifact names, one per job so that jobs never overwrite each other. */
export const ARTIFACTS = {
  record: (jobId: string) => `slipway-record-${jobId}`,
  junit: (jobId: string) => `slipway-junit-${jobId}`,
  /** The pattern the publish job downloads, merged into {@link CI_PATHS.records}. */
  records: 'slipway-record-*',
  run: 'slipway-run',
} as const;

/** The pipeline parameters of the CircleCI configs. */
export const CIRCLECI_PARAMS = {
  /** Declared by the setup config (a scheduled pipeline sets it) and, with the same default, the continuation. */
  rebuildAll: 'rebuild-all',
  /** Passed by `ci plan` to the continuation only. */
  registry: 'registry',
  push: 'push',
} as const;

/** Where the registry's name ends and its repository path starts: `ghcr.io/a/b` → `ghcr.io`. */
export function registryHost(registry: string): string {
  const first = registry.split('/')[0] ?? '';
  return registry.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}

/** Logs in to the registry when credentials are there; without them (a fork), pulls stay anonymous. */
export const loginScript = (host: string): string =>
  [
    `if [ -n "\${${CI_ENV.password}:-}" ]; then`,
    `  printf '%s' "$${CI_ENV.password}" | docker login ${host} --username "\${${CI_ENV.username}:-slipway}" --password-stdin`,
    'else',
    `  echo "no credentials for ${host}: pulls are anonymous and nothing is pushed"`,
    'fi',
  ].join('\n');

/** The registry argument of a job's command line: an environment variable (GitHub) or a pipeline parameter. */
const registryArg = (p: Provider) =>
  p === 'github' ? `"$${CI_ENV.registry}"` : `"<< pipeline.parameters.${CIRCLECI_PARAMS.registry} >>"`;

/** The project options of a command line (`-c`, `--cwd`, `-f`, `--build-arg`), quoted, after a space; or ''. */
const projectPart = (project: readonly string[]) => (project.length ? ` ${shellLine(project)}` : '');

/** `slipway ci plan`: GitHub writes $GITHUB_OUTPUT; CircleCI writes the continuation and its parameters. */
export function planCommand(
  command: string,
  p: Provider,
  registry: string | null,
  project: readonly string[],
): string {
  const head = `${command} ci plan${projectPart(project)} --provider ${p}`;
  if (p === 'github') return `${head} --registry "$${CI_ENV.registry}" --base "$${CI_ENV.base}"`;
  return [
    head,
    ...(registry ? [`--registry ${shellWord(registry)}`] : []),
    '--base "<< pipeline.git.base_revision >>"',
    `--out ${CI_PATHS.continuation} --parameters ${CI_PATHS.parameters}`,
  ].join(' ');
}

/** `slipway ci job STAGE`: the action comes from --action (CircleCI) or the plan in SLIPWAY_PLAN (GitHub). */
export function jobCommand(
  command: string,
  p: Provider,
  stage: string,
  project: readonly string[],
  action?: 'build' | 'test',
): string {
  return [
    `${command} ci job ${shellWord(stage)}${projectPart(project)} --provider ${p}`,
    ...(action ? [`--action ${action}`] : []),
    `--registry ${registryArg(p)} --junit-dir ${CI_PATHS.junit} --record-dir ${CI_PATHS.records}`,
  ].join(' ');
}

/** `slipway publish STAGE`: tags from the commit, branch and version tag; checks the records first. */
export const publishCommand = (
  command: string,
  p: Provider,
  stage: string,
  project: readonly string[],
): string =>
  `${command} publish ${shellWord(stage)}${projectPart(project)} --provider ${p} --registry ${registryArg(p)} --records ${CI_PATHS.records}`;

/** `slipway report` of the records the stage jobs carried, as Markdown for the job summary. */
export const reportCommand = (command: string, project: readonly string[]): string =>
  `${command} report${projectPart(project)} --records ${CI_PATHS.records} --format markdown`;
