import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { circleciSetupConfig } from '../../../src/ci/circleci.js';
import { circleciContinuation, circleciParameters } from '../../../src/ci/circleci-continuation.js';
import { CONTINUATION_ORB } from '../../../src/ci/circleci-parts.js';
import { CI_PATHS } from '../../../src/ci/contract.js';
import { jobIds } from '../../../src/ci/jobs.js';
import type { CiPlan, PlanAction } from '../../../src/ci/plan.js';
import type { DockerfileModel } from '../../../src/dockerfile/stage.js';
import { modelOf, settingsOf } from '../../helpers/ci.js';
import { DOCKERFILES } from './fixtures.js';

interface Cfg {
  version: number;
  setup?: boolean;
  orbs?: Record<string, string>;
  parameters?: Record<string, { type: string; default: unknown }>;
  jobs: Record<string, { machine?: { image: string }; steps: unknown[] }>;
  workflows: Record<
    string,
    { jobs: (string | Record<string, { requires?: string[]; filters?: unknown }>)[] }
  >;
}

/**
 * What can be checked without CircleCI's servers (`circleci config validate` compiles remotely): YAML of
 * version 2.1, one workflow, every workflow job defined, every `requires` a job of the same workflow, no
 * cycle, every `<< pipeline.parameters.X >>` declared. Returns the problems.
 */
function problems(text: string): string[] {
  const out: string[] = [];
  const c = parse(text) as Cfg;
  if (c.version !== 2.1) out.push(`version ${c.version}`);
  const workflows = Object.entries(c.workflows ?? {});
  if (workflows.length !== 1) out.push(`${workflows.length} workflows`);
  for (const [name, w] of workflows) {
    const entries = entriesOf(w);
    const names = entries.map(([n]) => n);
    if (!names.length) out.push(`workflow ${name} has no job`);
    const deps = new Map(entries.map(([n, o]) => [n, o.requires ?? []]));
    for (const [n, reqs] of deps) {
      if (!c.jobs?.[n]) out.push(`workflow job ${n} is not defined under jobs`);
      for (const r of reqs) if (!deps.has(r)) out.push(`${n} requires ${r}, not a job of workflow ${name}`);
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (n: string, path: string[]): void => {
      if (state.get(n) === 'done') return;
      if (state.get(n) === 'visiting') {
        out.push(`cycle: ${[...path, n].join(' -> ')}`);
        return;
      }
      state.set(n, 'visiting');
      for (const r of deps.get(n) ?? []) visit(r, [...path, n]);
      state.set(n, 'done');
    };
    for (const n of names) visit(n, []);
  }
  for (const m of text.matchAll(/<<\s*pipeline\.parameters\.([\w-]+)\s*>>/g))
    if (!c.parameters?.[m[1] as string]) out.push(`pipeline parameter ${m[1]} is not declared`);
  return [...new Set(out)];
}

type WorkflowJob = { requires?: string[]; filters?: unknown; context?: string[] };

/** A workflow's jobs as [name, options]: an entry is a name, or a one-key map of name to options. */
const entriesOf = (w: Cfg['workflows'][string] | undefined) =>
  (w?.jobs ?? []).map((j) => (typeof j === 'string' ? [j, {}] : Object.entries(j)[0])) as [
    string,
    WorkflowJob,
  ][];

const workflowJobs = (text: string): Record<string, WorkflowJob> =>
  Object.fromEntries(entriesOf(Object.values((parse(text) as Cfg).workflows)[0]));

const planOf = (model: DockerfileModel, actions: Record<string, PlanAction>): CiPlan => ({
  base: 'a1',
  head: 'b2',
  buildOrder: model.stages.map((s) => s.key),
  stages: model.stages.map((s) => ({ name: s.key, action: actions[s.key] ?? 'skip', reasons: [] })),
});

describe('the checks of a CircleCI config can fail', () => {
  it('unknown requires, a cycle, an undefined job, an undeclared parameter, two workflows', () => {
    const text = [
      'version: 2.1',
      'jobs: { a: { steps: [] }, b: { steps: [] } }',
      'workflows:',
      '  one: { jobs: [a, { b: { requires: [nope] } }, { c: { requires: [d] } }, { d: { requires: [c] } }] }',
      '  two: { jobs: [a] }',
      '# << pipeline.parameters.missing >>',
    ].join('\n');
    expect(problems(text)).toEqual([
      '2 workflows',
      'b requires nope, not a job of workflow one',
      'workflow job c is not defined under jobs',
      'workflow job d is not defined under jobs',
      'cycle: c -> d -> c',
      'pipeline parameter missing is not declared',
    ]);
  });
});

describe('circleciSetupConfig: plan, then continue', () => {
  const model = modelOf(DOCKERFILES['this repository (release FROM base + COPY --from=ci)']?.text as string);
  const text = circleciSetupConfig(model, settingsOf(model));
  const c = parse(text) as Cfg;

  it('is a 2.1 setup config with one workflow and the certified continuation orb', () => {
    expect(problems(text)).toEqual([]);
    expect(c.setup).toBe(true);
    expect(c.orbs).toEqual({ continuation: `circleci/continuation@${CONTINUATION_ORB.version}` });
    expect(c.parameters).toEqual({
      'rebuild-all': expect.objectContaining({ type: 'boolean', default: false }),
    });
    expect(workflowJobs(text)).toEqual({ plan: { filters: { tags: { only: '/^v.*/' } } } });
  });

  it('the plan job runs `ci plan` on a machine and hands its files to continuation/continue', () => {
    const job = c.jobs.plan as {
      machine: { image: string };
      steps: Record<string, Record<string, unknown>>[];
    };
    expect(job.machine).toEqual({ image: 'ubuntu-2404:current' });
    const run = job.steps.find((s) => String(s.run?.command ?? '').includes(' ci plan '))?.run;
    expect(run?.command).toBe(
      `npx --yes --package=slipway@9.9.9 slipway ci plan --provider circleci --base "<< pipeline.git.base_revision >>" --out ${CI_PATHS.continuation} --parameters ${CI_PATHS.parameters}`,
    );
    expect(run?.environment).toEqual({ SLIPWAY_REBUILD_ALL: '<< pipeline.parameters.rebuild-all >>' });
    expect(job.steps.at(-1)).toEqual({
      'continuation/continue': { configuration_path: CI_PATHS.continuation, parameters: CI_PATHS.parameters },
    });
  });

  it('settings: machine image, resource class, context, a registry of its own', () => {
    const t = circleciSetupConfig(
      model,
      settingsOf(
        model,
        'ci:\n  registry: quay.io/acme/shop\n  circleci: { machine: ubuntu-2204:current, resourceClass: large, context: registry }\n',
      ),
    );
    const d = parse(t) as {
      jobs: { plan: { machine: unknown; resource_class: string; steps: { run?: { command: string } }[] } };
    };
    expect(d.jobs.plan.machine).toEqual({ image: 'ubuntu-2204:current' });
    expect(d.jobs.plan.resource_class).toBe('large');
    expect(workflowJobs(t).plan?.context).toEqual(['registry']);
    const commands = d.jobs.plan.steps.map((s) => s.run?.command ?? '');
    expect(commands.some((x) => x.includes('docker login quay.io '))).toBe(true);
    expect(
      commands.some((x) => x.includes('ci plan --provider circleci --registry quay.io/acme/shop ')),
    ).toBe(true);
  });
});

describe('circleciContinuation: only the affected stage jobs', () => {
  it.each(Object.entries(DOCKERFILES))(
    '%s: every stage built — requires are the stage graph',
    (_, { text, edges }) => {
      const model = modelOf(text);
      const all = Object.fromEntries(model.stages.map((s) => [s.key, 'build' as const]));
      const out = circleciContinuation(model, planOf(model, all), settingsOf(model));
      expect(problems(out)).toEqual([]);
      const ids = jobIds(model.stages.filter((s) => s.name !== null).map((s) => s.key));
      const stageOf = new Map([...ids].map(([s, id]) => [id, s]));
      const wf = workflowJobs(out);
      const found: [string, string][] = [];
      for (const [id, o] of Object.entries(wf))
        if (stageOf.has(id))
          for (const r of o.requires ?? []) found.push([stageOf.get(r) as string, stageOf.get(id) as string]);
      expect(found.sort()).toEqual(edges.slice().sort());
      expect(parse(out).setup).toBeUndefined();
    },
  );

  const model = modelOf(DOCKERFILES['this repository (release FROM base + COPY --from=ci)']?.text as string);
  const s = settingsOf(model);

  it('skipped stages are left out and passed through; actions are on the command line', () => {
    const out = circleciContinuation(
      model,
      planOf(model, { base: 'build', dev: 'test', ci: 'skip', release: 'build' }),
      s,
    );
    expect(problems(out)).toEqual([]);
    const wf = workflowJobs(out);
    expect(Object.keys(wf)).toEqual(['base', 'dev', 'release', 'publish']);
    expect(wf.dev?.requires).toEqual(['base']); // through build (skipped)
    expect(wf.release?.requires).toEqual(['base']); // base directly; ci (skipped) → build (skipped) → base
    expect(wf.publish).toEqual({
      requires: ['base', 'dev', 'release'],
      filters: { branches: { only: ['main'] }, tags: { only: '/^v.*/' } },
    });
    const c = parse(out) as {
      jobs: Record<string, { machine: unknown; steps: Record<string, Record<string, unknown>>[] }>;
    };
    const cmd = (job: string) =>
      c.jobs[job]?.steps.map((x) => String(x.run?.command ?? '')).find((x) => x.includes(' ci job '));
    expect(cmd('dev')).toBe(
      'npx --yes --package=slipway@9.9.9 slipway ci job dev --provider circleci --action test --registry "<< pipeline.parameters.registry >>" --junit-dir .slipway/junit --record-dir .slipway/records',
    );
    expect(cmd('base')).toContain(' --action build ');
    expect(c.jobs.base?.machine).toEqual({ image: 'ubuntu-2404:current' });
    expect(c.jobs.base?.steps).toEqual(
      expect.arrayContaining([
        { store_test_results: { path: '.slipway/junit' } },
        { persist_to_workspace: { root: '.slipway', paths: ['records'] } },
      ]),
    );
    expect(c.jobs.publish?.steps).toEqual(expect.arrayContaining([{ attach_workspace: { at: '.slipway' } }]));
  });

  it('declares the setup parameters with the same defaults, and every parameter ci plan passes', () => {
    const out = circleciContinuation(model, planOf(model, { ci: 'build' }), s);
    const setup = (parse(circleciSetupConfig(model, s)) as Cfg).parameters ?? {};
    const declared = (parse(out) as Cfg).parameters ?? {};
    for (const [k, v] of Object.entries(setup)) expect(declared[k]).toEqual(v);
    const passed = JSON.parse(circleciParameters({ registry: 'ghcr.io/Acme/Shop', push: true })) as Record<
      string,
      unknown
    >;
    expect(passed).toEqual({ registry: 'ghcr.io/acme/shop', push: true });
    for (const [k, v] of Object.entries(passed)) {
      expect(declared[k]?.type).toBe(typeof v === 'boolean' ? 'boolean' : 'string');
      // A parameter given at continuation time must not be one a trigger (the schedule) may give the setup.
      expect(setup[k]).toBeUndefined();
    }
  });

  it('no stage affected: still a valid config, with one job (and publish on a release ref)', () => {
    const out = circleciContinuation(model, planOf(model, {}), s);
    expect(problems(out)).toEqual([]);
    const wf = workflowJobs(out);
    expect(Object.keys(wf)).toEqual(['nothing-to-build', 'publish']);
    expect(wf.publish?.requires).toBeUndefined();
    const c = parse(out) as { jobs: Record<string, { steps: unknown[] }> };
    expect(JSON.stringify(c.jobs.publish?.steps)).not.toContain('attach_workspace');
    const none = modelOf('FROM alpine:3.20\n');
    const empty = circleciContinuation(none, planOf(none, {}), settingsOf(none));
    expect(problems(empty)).toEqual([]);
    expect(Object.keys(workflowJobs(empty))).toEqual(['nothing-to-build']);
  });

  it('a stage the plan does not mention is skipped; a job id the plan cannot confuse', () => {
    const m = modelOf(
      DOCKERFILES['names that are not job ids: dots, and names the fixed jobs take']?.text as string,
    );
    const out = circleciContinuation(
      m,
      planOf(m, { 'node.js': 'build', publish: 'build', 'app.v2': 'test' }),
      settingsOf(m),
    );
    expect(problems(out)).toEqual([]);
    const wf = workflowJobs(out);
    expect(Object.keys(wf)).toEqual(['node_js', 'publish_2', 'app_v2', 'publish']);
    expect(wf.publish_2?.requires).toEqual(['node_js']); // through node_js_2 and plan_2, both skipped
    expect(wf.app_v2?.requires).toEqual(['node_js', 'publish_2']);
  });
});
