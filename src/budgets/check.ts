import type { StageBudget } from '../config/config.js';
import { megabytes, signedMegabytes } from '../core/size.js';
import type { BudgetRecord, LayerGrowth, RunRecord, StageRecord } from '../history/record.js';
import { grewMost, layerGrowth } from './layers.js';

/** The outcome of one budget of one stage: data, with its one-line message (docs/config.md `budgets`). */
export type BudgetResult = BudgetRecord & { kind: 'maxSize' | 'maxGrowth' };

/** The newest earlier record in which the stage has a measured image, with that stage. */
export function previousOf(
  history: readonly RunRecord[],
  stage: string,
  exceptId?: string,
): { run: RunRecord; stage: StageRecord } | null {
  for (const run of history) {
    if (run.id === exceptId) continue;
    const s = run.stages.find((x) => x.name === stage);
    if (s && s.build.sizeBytes !== null) return { run, stage: s };
  }
  return null;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** `RUN npm ci (+11.9 MB, now 48.0 MB)`; without a previous run, the largest layers by size. */
function layersText(growth: readonly LayerGrowth[], hasPrevious: boolean): string {
  if (hasPrevious) {
    const top = grewMost(growth);
    return top.length
      ? `; layers that grew most: ${top.map((g) => `${clip(g.instruction)} (${signedMegabytes(g.deltaBytes)}, now ${megabytes(g.sizeBytes)})`).join(', ')}`
      : '';
  }
  const top = [...growth].sort((a, b) => b.sizeBytes - a.sizeBytes).filter((g) => g.sizeBytes > 0);
  return top.length
    ? `; largest layers: ${top
        .slice(0, 3)
        .map((g) => `${clip(g.instruction)} (${megabytes(g.sizeBytes)})`)
        .join(', ')}`
    : '';
}

/**
 * Checks each budget against the stage's image in `record`. `previous` is the history to measure growth
 * from (newest first; the record itself is passed over), or the previous record, or null. A stage without a
 * measured image in this run is reported ok and "not measured"; growth without a previous size is not checked.
 */
export function checkBudgets(
  record: RunRecord,
  previous: readonly RunRecord[] | RunRecord | null,
  budgets: readonly StageBudget[],
): BudgetResult[] {
  const history = previous === null ? [] : Array.isArray(previous) ? previous : [previous as RunRecord];
  const out: BudgetResult[] = [];
  for (const b of budgets) {
    const s = record.stages.find((x) => x.name === b.stage);
    const size = s?.build.sizeBytes ?? null;
    const prev = previousOf(history, b.stage, record.id);
    const prevSize = prev?.stage.build.sizeBytes ?? null;
    const growth = layerGrowth(s?.build.layers ?? [], prev?.stage.build.layers ?? []);
    const common = {
      stage: b.stage,
      sizeBytes: size,
      previousBytes: prevSize,
      previousRun: prev?.run.id ?? null,
      grew: prev ? grewMost(growth) : [],
    };
    const kinds: ('maxSize' | 'maxGrowth')[] = [];
    if (b.maxSize) kinds.push('maxSize');
    if (b.maxGrowth) kinds.push('maxGrowth');
    for (const kind of kinds) {
      const limit = (kind === 'maxSize' ? b.maxSize?.text : b.maxGrowth?.text) as string;
      const base = { ...common, kind, limit };
      if (size === null) {
        out.push({
          ...base,
          ok: true,
          message: `stage ${b.stage}: no image measured in this run; ${kind} ${limit} not checked`,
        });
        continue;
      }
      if (kind === 'maxSize') {
        const max = (b.maxSize as NonNullable<StageBudget['maxSize']>).bytes;
        out.push(
          size > max
            ? {
                ...base,
                ok: false,
                message: `stage ${b.stage} is ${megabytes(size)}, over its budget maxSize ${limit} (${megabytes(max)}) by ${megabytes(size - max)}${layersText(growth, prev !== null)}`,
              }
            : {
                ...base,
                ok: true,
                message: `stage ${b.stage} is ${megabytes(size)}, within maxSize ${limit}`,
              },
        );
        continue;
      }
      if (prevSize === null || prev === null) {
        out.push({
          ...base,
          ok: true,
          message: `stage ${b.stage}: no previous recorded size; maxGrowth ${limit} not checked`,
        });
        continue;
      }
      const g = b.maxGrowth as NonNullable<StageBudget['maxGrowth']>;
      const delta = size - prevSize;
      const pct = prevSize > 0 ? (delta / prevSize) * 100 : delta > 0 ? Number.POSITIVE_INFINITY : 0;
      const over = 'percent' in g ? pct > g.percent : delta > g.bytes;
      const grewText = `${pct === Number.POSITIVE_INFINITY ? 'from nothing' : `${pct.toFixed(1)}%`} since run ${prev.run.id} (${megabytes(prevSize)} → ${megabytes(size)}, ${signedMegabytes(delta)})`;
      out.push(
        over
          ? {
              ...base,
              ok: false,
              message: `stage ${b.stage} grew ${grewText}, over its budget maxGrowth ${limit}${layersText(growth, true)}`,
            }
          : { ...base, ok: true, message: `stage ${b.stage} changed ${grewText}, within maxGrowth ${limit}` },
      );
    }
  }
  return out;
}

/** The failing budgets as the pipeline prints them before it fails. */
export const budgetFailures = (results: readonly BudgetRecord[]): string[] =>
  results.filter((r) => !r.ok).map((r) => `budget exceeded: ${r.message}`);

/**
 * The record with its budgets checked (`budgets`, and `ok` false when one is exceeded), for the pipeline to
 * save; `failures` are the lines to print before failing the run (exit 1).
 */
export function withBudgets(
  record: RunRecord,
  history: readonly RunRecord[],
  budgets: readonly StageBudget[],
): { record: RunRecord; failures: string[] } {
  if (!budgets.length) return { record, failures: [] };
  const results = checkBudgets(record, history, budgets);
  const failures = budgetFailures(results);
  return { record: { ...record, budgets: results, ok: record.ok && failures.length === 0 }, failures };
}
