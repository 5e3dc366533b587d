import type { DockerfileModel } from '../dockerfile/stage.js';
import {
  ARTIFACTS,
  CI_ENV,
  CI_PATHS,
  jobCommand,
  loginScript,
  planCommand,
  publishCommand,
  registryHost,
  reportCommand,
} from './contract.js';
import { PLAN_JOB, PUBLISH_JOB, REPORT_JOB, type StageJob, stageJobs } from './jobs.js';
import { type CiSettings, inCheckout } from './settings.js';
import { shellWord } from './shell.js';
import { header, toYaml } from './yaml.js';

/** The actions the workflow uses, pinned to their major version. */
export const GITHUB_ACTIONS = {
  checkout: 'actions/checkout@v4',
  setupNode: 'actions/setup-node@v4',
  upload: 'actions/upload-artifact@v4',
  download: 'actions/download-artifact@v4',
} as const;

/** The pattern of version tags that publish a release (`v1.2.3`). */
export const GITHUB_TAGS = 'v*';

type Step = Record<string, unknown>;
type GhJob = Record<string, unknown>;

const outRef = (name: string) => `needs.${PLAN_JOB}.outputs.${name}`;
const out = (name: string) => `\${{ ${outRef(name)} }}`;

/** The gate of a stage job: the plan names the stage, and nothing upstream failed or was cancelled. */
export const stageGate = (stage: string): string =>
  `\${{ !cancelled() && !failure() && contains(fromJSON(${outRef('stages')}), '${stage}') }}`;

/**
 * `.github/workflows/slipway.yml`: a plan job, one job per named stage (`needs:` = plan + the stages it
 * depends on), and the publish job on the default branch and version tags. Pure: the model and the settings in,
 * the file's text out.
 */
export function githubWorkflow(model: DockerfileModel, s: CiSettings): string {
  const jobs = stageJobs(model);
  const all: Record<string, GhJob> = { [PLAN_JOB]: planJob(s) };
  for (const j of jobs) all[j.id] = stageJob(j, jobs, s);
  if (s.publish && jobs.length) all[PUBLISH_JOB] = publishJob(jobs, s);
  if (jobs.length) all[REPORT_JOB] = reportJob(jobs, s);
  const doc = {
    name: 'slipway',
    on: {
      pull_request: {},
      push: { branches: [s.ci.defaultBranch], tags: [GITHUB_TAGS] },
      merge_group: { types: ['checks_requested'] },
      workflow_dispatch: {
        inputs: {
          'rebuild-all': {
            description: 'Rebuild every stage, even those whose image is already in the registry',
            type: 'boolean',
            default: false,
          },
        },
      },
      schedule: [{ cron: s.ci.schedule }],
    },
    permissions: { contents: 'read', packages: 'read' },
    concurrency: {
      group: 'slipway-${{ github.ref }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    },
    jobs: all,
  };
  return header(s, 'slipway: one job per stage of the Dockerfile', 'ci github') + toYaml(doc);
}

/** Checkout with the whole history (the plan diffs against the base), Node, the setup, the registry login. */
function prelude(s: CiSettings): Step[] {
  const host = s.ci.registry ? registryHost(s.ci.registry) : 'ghcr.io';
  const ghcr = host === 'ghcr.io';
  return [
    { uses: GITHUB_ACTIONS.checkout, with: { 'fetch-depth': 0 } },
    { uses: GITHUB_ACTIONS.setupNode, with: { 'node-version': s.ci.github.node } },
    ...(s.ci.setup ? [{ name: 'Set up slipway', run: s.ci.setup }] : []),
    {
      name: `Log in to ${host}`,
      run: loginScript(host),
      env: {
        [CI_ENV.username]: ghcr
          ? `\${{ secrets.${CI_ENV.username} || github.actor }}`
          : `\${{ secrets.${CI_ENV.username} }}`,
        [CI_ENV.password]: ghcr
          ? `\${{ secrets.${CI_ENV.password} || secrets.GITHUB_TOKEN }}`
          : `\${{ secrets.${CI_ENV.password} }}`,
      },
    },
  ];
}

function planJob(s: CiSettings): GhJob {
  return {
    name: 'plan',
    'runs-on': s.ci.github.runner,
    outputs: Object.fromEntries(
      ['stages', 'plan', 'registry', 'push'].map((k) => [k, `\${{ steps.plan.outputs.${k} }}`]),
    ),
    steps: [
      ...prelude(s),
      {
        id: 'plan',
        name: 'slipway ci plan',
        run: planCommand(s.command, 'github', s.ci.registry, s.args),
        env: {
          [CI_ENV.registry]: s.ci.registry ?? 'ghcr.io/${{ github.repository }}',
          [CI_ENV.base]:
            "${{ github.event.pull_request.base.sha || github.event.merge_group.base_sha || github.event.before || '' }}",
          [CI_ENV.rebuildAll]: "${{ github.event_name == 'schedule' || inputs.rebuild-all == true }}",
        },
      },
    ],
  };
}

const planEnv = () => ({
  [CI_ENV.plan]: out('plan'),
  [CI_ENV.registry]: out('registry'),
  [CI_ENV.push]: out('push'),
});

function stageJob(j: StageJob, jobs: readonly StageJob[], s: CiSettings): GhJob {
  const id = (stage: string) => jobs.find((x) => x.stage === stage)?.id as string;
  return {
    name: j.stage,
    needs: [PLAN_JOB, ...j.needs.map(id)],
    if: stageGate(j.stage),
    'runs-on': s.ci.github.runner,
    permissions: { contents: 'read', packages: 'write' },
    steps: [
      ...prelude(s),
      {
        name: `slipway ci job ${j.stage}`,
        run: jobCommand(s.command, 'github', j.stage, s.args),
        env: planEnv(),
      },
      upload(ARTIFACTS.junit(j.id), inCheckout(s, CI_PATHS.junit), 'ignore'),
      upload(ARTIFACTS.record(j.id), inCheckout(s, CI_PATHS.records), 'warn'),
    ],
  };
}

/** Every stage job's record, merged where `publish` and `report` read them. */
const downloadRecords = (s: CiSettings): Step => ({
  uses: GITHUB_ACTIONS.download,
  with: { pattern: ARTIFACTS.records, path: `${inCheckout(s, CI_PATHS.records)}/`, 'merge-multiple': true },
});

const upload = (name: string, path: string, missing: 'ignore' | 'warn'): Step => ({
  uses: GITHUB_ACTIONS.upload,
  if: '${{ !cancelled() }}',
  with: { name, path: `${path}/`, 'if-no-files-found': missing },
});

function publishJob(jobs: readonly StageJob[], s: CiSettings): GhJob {
  const refs = `github.ref == 'refs/heads/${s.ci.defaultBranch}' || startsWith(github.ref, 'refs/tags/v')`;
  return {
    name: `publish ${s.publish}`,
    needs: [PLAN_JOB, ...jobs.map((j) => j.id)],
    if: `\${{ !cancelled() && !failure() && ${outRef('push')} == 'true' && (${refs}) }}`,
    'runs-on': s.ci.github.runner,
    permissions: { contents: 'read', packages: 'write' },
    steps: [
      ...prelude(s),
      downloadRecords(s),
      {
        name: `slipway publish ${s.publish}`,
        run: publishCommand(s.command, 'github', s.publish as string, s.args),
        env: planEnv(),
      },
      {
        uses: GITHUB_ACTIONS.upload,
        if: '${{ !cancelled() }}',
        with: { name: ARTIFACTS.run, path: inCheckout(s, CI_PATHS.run), 'if-no-files-found': 'warn' },
      },
    ],
  };
}

/**
 * The run's report for a reviewer, as the job summary (`$GITHUB_STEP_SUMMARY`): every stage's outcome from
 * the records the stage jobs carried — after every stage job, failed or not, on every event.
 */
function reportJob(jobs: readonly StageJob[], s: CiSettings): GhJob {
  return {
    name: 'report',
    needs: [PLAN_JOB, ...jobs.map((j) => j.id)],
    if: '${{ !cancelled() }}',
    'runs-on': s.ci.github.runner,
    permissions: { contents: 'read' },
    steps: [
      ...prelude(s).filter((st) => !String(st.name ?? '').startsWith('Log in')),
      downloadRecords(s),
      {
        name: 'slipway report',
        run: [
          `if ls ${shellWord(inCheckout(s, CI_PATHS.records))}/*.json >/dev/null 2>&1; then`,
          `  ${reportCommand(s.command, s.args)} >> "$GITHUB_STEP_SUMMARY"`,
          'else',
          '  echo "No stage job ran: the plan found nothing to build or test." >> "$GITHUB_STEP_SUMMARY"',
          'fi',
        ].join('\n'),
      },
    ],
  };
}
