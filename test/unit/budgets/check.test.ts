import { describe, expect, it } from 'vitest';
import { budgetFailures, checkBudgets, withBudgets } from '../../../src/budgets/check.js';
import { layerGrowth } from '../../../src/budgets/layers.js';
import { parseConfig } from '../../../src/config/load.js';
import { runRecord, stageRecord } from '../../helpers/records.js';

const budgets = (yaml: string) => parseConfig(yaml, '/r/slipway.yaml').budgets;

const layers = (npm: number, dist: number) => [
  { instruction: 'FROM node:24-bookworm-slim', sizeBytes: 0 },
  { instruction: 'RUN /bin/sh -c npm ci --omit=dev # buildkit', sizeBytes: npm },
  { instruction: 'COPY /app/dist /app/dist # buildkit', sizeBytes: dist },
  { instruction: 'USER node', sizeBytes: 0 },
];

const release = (size: number, npm: number, dist: number) =>
  stageRecord('release', { build: { sizeBytes: size, layers: layers(npm, dist) } });

describe('checkBudgets', () => {
  const before = runRecord('run-1', [release(326_500_000, 40_000_000, 2_000_000)]);

  it('fails a release past its maxSize, naming the stage, size, budget and the layers that grew most', () => {
    const now = runRecord('run-2', [release(352_400_000, 60_000_000, 8_000_000)]);
    const [r] = checkBudgets(now, [now, before], budgets('budgets: { release: { maxSize: 340MB } }\n'));
    expect(r).toMatchObject({
      stage: 'release',
      kind: 'maxSize',
      ok: false,
      limit: '340MB',
      sizeBytes: 352_400_000,
    });
    expect(r?.message).toBe(
      'stage release is 352.4 MB, over its budget maxSize 340MB (340.0 MB) by 12.4 MB; layers that grew most: ' +
        'RUN /bin/sh -c npm ci --omit=dev # buildkit (+20.0 MB, now 60.0 MB), COPY /app/dist /app/dist # buildkit (+6.0 MB, now 8.0 MB)',
    );
    expect(r?.grew?.map((g) => g.deltaBytes)).toEqual([20_000_000, 6_000_000]);
    expect(budgetFailures([r as NonNullable<typeof r>])[0]).toMatch(
      /^budget exceeded: stage release is 352\.4 MB/,
    );
  });

  it('maxGrowth: a percentage of the previous recorded size', () => {
    const b = budgets('budgets: { release: { maxGrowth: 5% } }\n');
    const grown = runRecord('run-2', [release(346_800_000, 58_000_000, 4_300_000)]);
    const [r] = checkBudgets(grown, before, b);
    expect(r?.ok).toBe(false);
    expect(r?.message).toMatch(
      /^stage release grew 6\.2% since run run-1 \(326\.5 MB → 346\.8 MB, \+20\.3 MB\), over its budget maxGrowth 5%; layers that grew most: RUN .*npm ci.* \(\+18\.0 MB, now 58\.0 MB\)/,
    );
    const small = runRecord('run-3', [release(330_000_000, 41_000_000, 2_000_000)]);
    expect(checkBudgets(small, before, b)[0]).toMatchObject({ ok: true });
  });

  it('maxGrowth as a size; growth is not checked without a previous size; an unmeasured stage passes', () => {
    const b = budgets(
      'budgets: { release: { maxGrowth: 10MB, maxSize: 1GB }, build: { maxSize: 900 MB } }\n',
    );
    const now = runRecord('run-2', [
      release(340_000_000, 50_000_000, 2_000_000),
      stageRecord('build', { build: { status: 'skipped', sizeBytes: null } }),
    ]);
    const rs = checkBudgets(now, [before], b);
    expect(rs.map((r) => [r.stage, r.kind, r.ok])).toEqual([
      ['release', 'maxSize', true],
      ['release', 'maxGrowth', false],
      ['build', 'maxSize', true],
    ]);
    expect(rs[2]?.message).toContain('not checked');
    const first = checkBudgets(now, null, b);
    expect(first[1]).toMatchObject({
      ok: true,
      message: expect.stringContaining('no previous recorded size'),
    });
  });

  it('without a previous run, a failing maxSize names the largest layers', () => {
    const now = runRecord('run-1', [release(400_000_000, 60_000_000, 8_000_000)]);
    const [r] = checkBudgets(now, [], budgets('budgets: { release: { maxSize: 340MB } }\n'));
    expect(r?.message).toContain(
      '; largest layers: RUN /bin/sh -c npm ci --omit=dev # buildkit (60.0 MB), COPY',
    );
  });
});

describe('layerGrowth', () => {
  it('matches layers by instruction, ignoring digests and the buildkit tag; a new layer grew from 0', () => {
    const g = layerGrowth(
      [
        { instruction: 'COPY file:0123456789abcdef0123 in /x', sizeBytes: 5 },
        { instruction: 'RUN make', sizeBytes: 7 },
        { instruction: 'RUN make', sizeBytes: 9 },
      ],
      [
        { instruction: 'COPY file:fedcba9876543210fedc in /x', sizeBytes: 4 },
        { instruction: 'RUN make # buildkit', sizeBytes: 6 },
      ],
    );
    expect(g.map((x) => x.deltaBytes)).toEqual([1, 1, 9]);
  });
});

describe('withBudgets', () => {
  it('puts the results in the record and fails it when a budget is exceeded', () => {
    const before = runRecord('run-1', [release(326_500_000, 40_000_000, 2_000_000)]);
    const now = runRecord('run-2', [release(352_400_000, 60_000_000, 8_000_000)]);
    const b = budgets('budgets: { release: { maxSize: 340MB } }\n');
    const { record, failures } = withBudgets(now, [before], b);
    expect([record.ok, record.budgets?.length, failures.length]).toEqual([false, 1, 1]);
    expect(failures[0]).toMatch(
      /^budget exceeded: stage release is 352\.4 MB, over its budget maxSize 340MB/,
    );
    expect(withBudgets(now, [before], []).record).toBe(now);
    const ok = withBudgets(before, [], b);
    expect([ok.record.ok, ok.failures]).toEqual([true, []]);
  });
});
