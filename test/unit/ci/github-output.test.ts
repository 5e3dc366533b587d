import { describe, expect, it } from 'vitest';
import { githubOutput, githubPlanOutputs } from '../../../src/ci/github-output.js';
import type { CiPlan } from '../../../src/ci/plan.js';
import { parseGithubOutput } from '../../helpers/github-output.js';

const plan: CiPlan = {
  base: 'a1',
  head: 'b2',
  buildOrder: ['base', '1', 'ci', 'release'],
  stages: [
    { name: 'base', action: 'skip', reasons: [] },
    {
      name: '1',
      action: 'build',
      reasons: [{ kind: 'dependency', text: 'its parent changed', stage: 'base' }],
    },
    { name: 'ci', action: 'build', reasons: [{ kind: 'input', text: 'src/a.ts changed', file: 'src/a.ts' }] },
    { name: 'release', action: 'test', reasons: [{ kind: 'spec', text: 'its spec changed', line: 3 }] },
  ],
};

describe('githubPlanOutputs: what `ci plan --provider github` appends to $GITHUB_OUTPUT', () => {
  it('stages (named, to build or test), the plan, the registry lower-cased, push', () => {
    const o = parseGithubOutput(githubPlanOutputs(plan, { registry: 'ghcr.io/Acme/Shop', push: false }));
    expect(Object.keys(o)).toEqual(['stages', 'plan', 'registry', 'push']);
    expect(JSON.parse(o.stages as string)).toEqual(['ci', 'release']);
    expect(JSON.parse(o.plan as string)).toEqual(plan);
    expect(o.registry).toBe('ghcr.io/acme/shop');
    expect(o.push).toBe('false');
  });

  it('nothing to run is an empty array, which fromJSON reads', () => {
    const none = { ...plan, stages: plan.stages.map((s) => ({ ...s, action: 'skip' as const })) };
    expect(parseGithubOutput(githubPlanOutputs(none, { registry: 'r/x', push: true })).stages).toBe('[]');
  });

  it('a value with newlines keeps them; the delimiter never occurs in the value', () => {
    const value = 'line one\nslipway_x\nline three';
    const text = githubOutput('note', value);
    expect(text.split('\n')[0]).toMatch(/^note<<slipway_[0-9a-f]{16}$/);
    expect(parseGithubOutput(text).note).toBe(value);
    const delimiter = text.split('\n')[0]?.slice('note<<'.length) as string;
    const tricky = `${delimiter}\n${delimiter}`;
    expect(parseGithubOutput(githubOutput('x', tricky)).x).toBe(tricky);
  });
});
