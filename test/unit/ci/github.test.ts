import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GITHUB_ACTIONS, githubWorkflow, stageGate } from '../../../src/ci/github.js';
import { jobIds } from '../../../src/ci/jobs.js';
import { modelOf, namedEdges, parseGithub, settingsOf } from '../../helpers/ci.js';
import { DOCKERFILES } from './fixtures.js';

type Step = {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
const steps = (job: { raw: Record<string, unknown> }) => (job.raw.steps ?? []) as Step[];

describe('githubWorkflow: one job per named stage, parsed as GitHub parses it', () => {
  it.each(Object.entries(DOCKERFILES))('%s', async (_, { text, edges }) => {
    const model = modelOf(text);
    const { errors, jobs } = await parseGithub(githubWorkflow(model, settingsOf(model)));
    expect(errors).toEqual([]);
    const named = model.stages.filter((s) => s.name !== null).map((s) => s.key);
    const ids = jobIds(named);
    const stageOf = new Map([...ids].map(([stage, id]) => [id, stage]));
    // The job set: plan, one job per named stage, publish (when there is a stage to publish), the report.
    expect(jobs.map((j) => j.id).sort()).toEqual(
      ['plan', ...ids.values(), ...(named.length ? ['publish', 'report'] : [])].sort(),
    );
    // Each stage job runs `slipway ci job STAGE`, behind the gate, and needs plan + its stage's dependencies.
    const found: [string, string][] = [];
    for (const j of jobs.filter((x) => stageOf.has(x.id))) {
      const stage = stageOf.get(j.id) as string;
      const runs = steps(j).map((s) => s.run ?? '');
      expect(runs.filter((r) => r.includes(' ci job ')).map((r) => r.match(/ ci job (\S+)/)?.[1])).toEqual([
        stage,
      ]);
      expect(j.if).toBe(
        `\${{ !cancelled() && !failure() && contains(fromJSON(needs.plan.outputs.stages), '${stage}') }}`,
      );
      expect(runs.some((r) => r.includes(`slipway ci job ${stage} `))).toBe(true);
      expect(j.needs[0]).toBe('plan');
      for (const n of j.needs.slice(1)) found.push([stageOf.get(n) as string, stage]);
    }
    // `needs` less the plan job equal the stage graph's edges, unnamed stages passed through.
    expect(found.sort()).toEqual(edges.slice().sort());
    expect(found.sort()).toEqual(namedEdges(model));
  });

  it('a broken workflow fails the same check: unknown needs, a cycle, a bad expression, a foreign needs.X', async () => {
    const model = modelOf(DOCKERFILES['diamond: two stages from one, joined by a fourth']?.text as string);
    const good = githubWorkflow(model, settingsOf(model));
    const doc = parse(good);
    const bad = async (edit: (d: typeof doc) => void) => {
      const d = structuredClone(doc);
      edit(d);
      const { stringify } = await import('yaml');
      return (await parseGithub(stringify(d))).errors;
    };
    expect(await bad((d) => d.jobs.left.needs.push('nope'))).toEqual(
      expect.arrayContaining([expect.stringContaining("Job 'left' depends on unknown job 'nope'")]),
    );
    expect(
      await bad((d) => {
        d.jobs.root.needs.push('join');
      }),
    ).toEqual(expect.arrayContaining([expect.stringContaining('creates a cycle')]));
    expect(
      await bad((d) => {
        d.jobs.left.if = '${{ !cancelled() && !failure(( }}';
      }),
    ).not.toEqual([]);
    expect(
      await bad((d) => {
        d.jobs.left.if = "${{ contains(fromJSON(neds.plan.outputs.stages), 'left') }}";
      }),
    ).toEqual(expect.arrayContaining([expect.stringContaining("Unrecognized named-value: 'neds'")]));
    expect(
      await bad((d) => {
        d.jobs.left.needs = ['root'];
      }),
    ).toEqual(["job 'left' reads needs.plan but does not need job 'plan'"]);
  });

  it('stage names that are not job ids are mapped one documented way; the name stays the display name', async () => {
    expect([
      ...jobIds(['node.js', 'node_js', 'plan', 'publish', '1st', 'app.v2', 'nothing-to-build']),
    ]).toEqual([
      ['node.js', 'node_js'],
      ['node_js', 'node_js_2'],
      ['plan', 'plan_2'],
      ['publish', 'publish_2'],
      ['1st', 'stage_1st'],
      ['app.v2', 'app_v2'],
      ['nothing-to-build', 'nothing-to-build_2'],
    ]);
    const model = modelOf(
      DOCKERFILES['names that are not job ids: dots, and names the fixed jobs take']?.text as string,
    );
    const { jobs } = await parseGithub(githubWorkflow(model, settingsOf(model)));
    const job = jobs.find((j) => j.id === 'app_v2');
    expect(job?.raw.name).toBe('app.v2');
    expect(job?.needs).toEqual(['plan', 'node_js', 'publish_2']);
    expect(jobs.find((j) => j.id === 'publish')?.raw.name).toBe('publish app.v2');
  });

  it('triggers: pull requests, the default branch, version tags, the merge queue, by hand, weekly', () => {
    const model = modelOf('FROM alpine:3.20 AS a\n');
    const on = parse(githubWorkflow(model, settingsOf(model))).on;
    expect(on).toEqual({
      pull_request: {},
      push: { branches: ['main'], tags: ['v*'] },
      merge_group: { types: ['checks_requested'] },
      workflow_dispatch: {
        inputs: { 'rebuild-all': expect.objectContaining({ type: 'boolean', default: false }) },
      },
      schedule: [{ cron: '17 3 * * 1' }],
    });
    const custom = parse(
      githubWorkflow(model, settingsOf(model, 'ci: { defaultBranch: trunk, schedule: "0 4 * * 0" }\n')),
    );
    expect(custom.on.push.branches).toEqual(['trunk']);
    expect(custom.on.schedule).toEqual([{ cron: '0 4 * * 0' }]);
    expect(custom.jobs.publish.if).toContain("github.ref == 'refs/heads/trunk'");
  });

  it('the plan job: full history, writes its outputs, rebuilds everything on the schedule', async () => {
    const model = modelOf('FROM alpine:3.20 AS a\n');
    const { jobs } = await parseGithub(githubWorkflow(model, settingsOf(model)));
    const plan = jobs.find((j) => j.id === 'plan') as { raw: Record<string, unknown> };
    expect(steps(plan)[0]).toEqual({ uses: GITHUB_ACTIONS.checkout, with: { 'fetch-depth': 0 } });
    expect(plan.raw.outputs).toEqual({
      stages: '${{ steps.plan.outputs.stages }}',
      plan: '${{ steps.plan.outputs.plan }}',
      registry: '${{ steps.plan.outputs.registry }}',
      push: '${{ steps.plan.outputs.push }}',
    });
    const step = steps(plan).find((s) => s.run?.includes(' ci plan ')) as Step;
    expect(step.run).toBe(
      'npx --yes --package=slipway@9.9.9 slipway ci plan --provider github --registry "$SLIPWAY_REGISTRY" --base "$SLIPWAY_BASE"',
    );
    expect(step.env?.SLIPWAY_REGISTRY).toBe('ghcr.io/${{ github.repository }}');
    expect(step.env?.SLIPWAY_REBUILD_ALL).toBe(
      "${{ github.event_name == 'schedule' || inputs.rebuild-all == true }}",
    );
  });

  it('stage jobs: may push packages, upload JUnit and records even when the job fails, never put ${{ }} in a script', async () => {
    const model = modelOf(DOCKERFILES['diamond: two stages from one, joined by a fourth']?.text as string);
    const text = githubWorkflow(
      model,
      settingsOf(model, 'ci: { setup: bash scripts/setup.sh, command: node bin/slipway.js }\n'),
    );
    const { jobs } = await parseGithub(text);
    const join = jobs.find((j) => j.id === 'join') as { raw: Record<string, unknown> };
    expect(join.raw.permissions).toEqual({ contents: 'read', packages: 'write' });
    const s = steps(join);
    expect(s.map((x) => x.uses ?? x.run?.split('\n')[0])).toEqual([
      GITHUB_ACTIONS.checkout,
      GITHUB_ACTIONS.setupNode,
      'bash scripts/setup.sh',
      'if [ -n "${SLIPWAY_REGISTRY_PASSWORD:-}" ]; then',
      'node bin/slipway.js ci job join --provider github --registry "$SLIPWAY_REGISTRY" --junit-dir .slipway/junit --record-dir .slipway/records',
      GITHUB_ACTIONS.upload,
      GITHUB_ACTIONS.upload,
    ]);
    expect(s[4]?.env).toEqual({
      SLIPWAY_PLAN: '${{ needs.plan.outputs.plan }}',
      SLIPWAY_REGISTRY: '${{ needs.plan.outputs.registry }}',
      SLIPWAY_PUSH: '${{ needs.plan.outputs.push }}',
    });
    expect(s.slice(5).map((x) => [x.if, x.with?.name, x.with?.path])).toEqual([
      ['${{ !cancelled() }}', 'slipway-junit-join', '.slipway/junit/'],
      ['${{ !cancelled() }}', 'slipway-record-join', '.slipway/records/'],
    ]);
    for (const j of jobs) for (const x of steps(j)) expect(x.run ?? '').not.toContain('${{');
  });

  it('forks: the login passes without credentials, and publish runs only when the plan says push', async () => {
    const model = modelOf('FROM alpine:3.20 AS a\nFROM a AS release\n');
    const doc = parse(githubWorkflow(model, settingsOf(model)));
    const login = doc.jobs.a.steps[2];
    expect(login.run).toContain('if [ -n "${SLIPWAY_REGISTRY_PASSWORD:-}" ]');
    expect(login.run).toContain('docker login ghcr.io');
    expect(login.env.SLIPWAY_REGISTRY_PASSWORD).toBe(
      '${{ secrets.SLIPWAY_REGISTRY_PASSWORD || secrets.GITHUB_TOKEN }}',
    );
    expect(doc.jobs.publish.needs).toEqual(['plan', 'a', 'release']);
    expect(doc.jobs.publish.if).toBe(
      "${{ !cancelled() && !failure() && needs.plan.outputs.push == 'true' && (github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/v')) }}",
    );
    const pub = doc.jobs.publish.steps as Step[];
    expect(pub.find((x) => x.uses === GITHUB_ACTIONS.download)?.with).toEqual({
      pattern: 'slipway-record-*',
      path: '.slipway/records/',
      'merge-multiple': true,
    });
    expect(pub.find((x) => x.run?.includes(' publish '))?.run).toBe(
      'npx --yes --package=slipway@9.9.9 slipway publish release --provider github --registry "$SLIPWAY_REGISTRY" --records .slipway/records',
    );
  });

  it('another registry: its host, project secrets only, the configured name', async () => {
    const model = modelOf('FROM alpine:3.20 AS a\n');
    const doc = parse(
      githubWorkflow(model, settingsOf(model, 'ci: { registry: registry.example.com:5000/team/app }\n')),
    );
    expect(doc.jobs.plan.steps[2].run).toContain('docker login registry.example.com:5000');
    expect(doc.jobs.plan.steps[2].env).toEqual({
      SLIPWAY_REGISTRY_USERNAME: '${{ secrets.SLIPWAY_REGISTRY_USERNAME }}',
      SLIPWAY_REGISTRY_PASSWORD: '${{ secrets.SLIPWAY_REGISTRY_PASSWORD }}',
    });
    expect(doc.jobs.plan.steps[3].env.SLIPWAY_REGISTRY).toBe('registry.example.com:5000/team/app');
    expect(
      (await parseGithub(githubWorkflow(model, settingsOf(model, 'ci: { registry: x.io/a }\n')))).errors,
    ).toEqual([]);
  });

  it('the gate is the same expression everywhere', () => {
    expect(stageGate('node.js')).toBe(
      "${{ !cancelled() && !failure() && contains(fromJSON(needs.plan.outputs.stages), 'node.js') }}",
    );
  });
});
