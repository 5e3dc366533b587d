import { previousOf } from '../../budgets/check.js';
import { layerGrowth } from '../../budgets/layers.js';
import type { DockerfileModel } from '../../dockerfile/stage.js';
import type { RunRecord, StageRecord } from '../../history/record.js';
import { REPORT_STATUSES, type ReportStatus, stageStatus } from './status.js';

import {
  REPORT_SCHEMA,
  type ReportData,
  type ReportEdge,
  type ReportOptions,
  type ReportRelease,
  type ReportStage,
} from './types.js';

export * from './types.js';

const failureText = (f: StageRecord['test']['failures'][number]): string =>
  f.summary ??
  f.message ??
  `${f.resourceType}: ${f.resourceId}: ${f.property}: Expected ${f.found} to equal ${f.expected}`;

function summaryOf(status: ReportStatus, s: StageRecord | undefined): string {
  if (!s) return 'skipped: not in the record';
  const t = s.test;
  const tests = t.count ? `${t.count - t.failed - t.skipped} passed, ${t.failed} failed` : '';
  switch (status) {
    case 'failed':
      return s.build.failure
        ? `failed at ${s.build.failure.step}`
        : `failed: ${t.failed} of ${t.count} assertion${t.count === 1 ? '' : 's'}`;
    case 'tested':
      return `tested: ${tests}${t.skipped ? `, ${t.skipped} skipped` : ''}`;
    case 'built':
      return `built: ${s.build.stepsRun} step${s.build.stepsRun === 1 ? '' : 's'} run, ${s.build.stepsCached} cached${t.status === 'none' ? '; no spec' : t.status === 'cached' ? '; spec green before' : ''}`;
    case 'cached':
      return `cached${t.status === 'cached' ? '; spec green before' : t.status === 'none' ? '; no spec' : ''}`;
    default:
      return `skipped${s.build.because ? `: ${s.build.because}` : ''}`;
  }
}

function stageData(
  name: string,
  line: number | null,
  s: StageRecord | undefined,
  history: readonly RunRecord[],
  recordId: string,
  largest: number,
): ReportStage {
  const status: ReportStatus = s ? stageStatus(s) : 'skipped';
  const prev = s ? previousOf(history, name, recordId) : null;
  const growth = layerGrowth(s?.build.layers ?? [], prev?.stage.build.layers ?? []);
  // The largest few, and only layers that weigh something in the image (5% of it or more).
  const total = growth.reduce((sum, g) => sum + g.sizeBytes, 0);
  const bigOnes = new Set(
    growth
      .map((g, i) => [g.sizeBytes, i] as const)
      .filter(([size]) => size > 0 && size >= total * 0.05)
      .sort((a, b) => b[0] - a[0])
      .slice(0, largest)
      .map(([, i]) => i),
  );
  const bytes = s?.build.sizeBytes ?? null;
  const previousBytes = prev?.stage.build.sizeBytes ?? null;
  const t = s?.test;
  return {
    name,
    status,
    summary: summaryOf(status, s),
    line,
    recorded: s !== undefined,
    action: s?.action ?? null,
    reasons: s?.reasons ?? [],
    because: s?.build.because ?? s?.test.because ?? null,
    build: {
      status: s?.build.status ?? null,
      durationMs: s?.build.durationMs ?? 0,
      stepsRun: s?.build.stepsRun ?? 0,
      stepsCached: s?.build.stepsCached ?? 0,
      imageId: s?.build.imageId ?? null,
      failure: s?.build.failure ?? null,
    },
    size: {
      bytes,
      previousBytes,
      deltaBytes: bytes !== null && previousBytes !== null ? bytes - previousBytes : null,
      previousRun: prev?.run.id ?? null,
    },
    layers: growth.map((g, i) => ({
      instruction: g.instruction,
      sizeBytes: g.sizeBytes,
      deltaBytes: prev ? g.deltaBytes : null,
      largest: bigOnes.has(i),
    })),
    test: {
      status: t?.status ?? null,
      count: t?.count ?? 0,
      passed: t ? t.count - t.failed - t.skipped : 0,
      failed: t?.failed ?? 0,
      skipped: t?.skipped ?? 0,
      durationMs: t?.durationMs ?? 0,
      failures: (t?.failures ?? []).map((f) => ({
        resourceType: f.resourceType,
        resourceId: f.resourceId,
        property: f.property,
        expected: f.expected,
        found: f.found,
        text: failureText(f),
      })),
      because: t?.because ?? null,
    },
  };
}

function edgesOf(model: DockerfileModel | null): { edges: ReportEdge[]; images: string[] } {
  const edges: ReportEdge[] = [];
  const seen = new Set<string>();
  const add = (e: ReportEdge) => {
    const k = `${e.from}\0${e.to}\0${e.via}`;
    if (!seen.has(k)) {
      seen.add(k);
      edges.push(e);
    }
  };
  for (const s of model?.stages ?? []) {
    if (s.parent) add({ from: s.parent, to: s.key, via: 'from', fromImage: false });
    else if (s.baseImage) add({ from: s.baseImage, to: s.key, via: 'from', fromImage: true });
    for (const r of s.refs) {
      if (r.via === 'from') continue;
      if (r.stage) add({ from: r.stage, to: s.key, via: r.via, fromImage: false });
      else if (r.image) add({ from: r.image, to: s.key, via: r.via, fromImage: true });
    }
  }
  return { edges, images: [...new Set(edges.filter((e) => e.fromImage).map((e) => e.from))] };
}

/**
 * What a report shows, from the run records (newest first: the first is the run reported, the rest its
 * history) and the stage model (for the graph's edges; null without one). Pure: nothing is re-run or read.
 */
export function reportData(
  records: readonly RunRecord[],
  model: DockerfileModel | null,
  opts: ReportOptions,
): ReportData {
  const [record, ...history] = records;
  if (!record) throw new Error('reportData: no record');
  const largest = opts.largestLayers ?? 3;
  const byName = new Map(record.stages.map((s) => [s.name, s]));
  const names: [string, number | null][] = (model?.stages ?? []).map((s) => [s.key, s.line]);
  for (const s of record.stages) if (!names.some(([n]) => n === s.name)) names.push([s.name, null]);
  const stages = names.map(([n, line]) => stageData(n, line, byName.get(n), history, record.id, largest));
  const summary = Object.fromEntries(REPORT_STATUSES.map((st) => [st, 0])) as Record<ReportStatus, number>;
  for (const s of stages) summary[s.status]++;
  const { edges, images } = edgesOf(model);
  const budgets = record.budgets ?? [];
  const sizeOf = (n: string) => stages.find((s) => s.name === n)?.size.bytes ?? null;
  const rel = stages.find((s) => s.name === opts.roles.release);
  const naive = record.naive ?? records.find((r) => r.naive)?.naive ?? null;
  let release: ReportRelease | null = null;
  if (rel) {
    const sizeBytes = sizeOf(rel.name);
    const baseBytes = rel.name === opts.roles.base ? null : sizeOf(opts.roles.base);
    release = {
      stage: rel.name,
      base: opts.roles.base,
      sizeBytes,
      baseBytes,
      artefactBytes: sizeBytes !== null && baseBytes !== null ? sizeBytes - baseBytes : null,
      naiveBytes: naive?.sizeBytes ?? null,
      naiveRatio: sizeBytes !== null && naive ? sizeBytes / naive.sizeBytes : null,
      budgets: budgets.filter((b) => b.stage === rel.name),
    };
  }
  return {
    schema: REPORT_SCHEMA,
    run: {
      id: record.id,
      kind: record.kind,
      startedAt: record.startedAt,
      durationMs: record.durationMs,
      ok: record.ok,
      source: record.source,
      plan: record.plan ? { base: record.plan.base, head: record.plan.head } : null,
    },
    stale: { stale: opts.stale?.stale ?? false, text: opts.stale?.stale ? opts.stale.text : null },
    summary,
    stages,
    edges,
    images,
    release,
    budgets,
    smoke: record.smoke,
    history: records.slice(0, (opts.historyLength ?? 10) + 1).map((r) => ({
      id: r.id,
      startedAt: r.startedAt,
      ok: r.ok,
      revision: r.source.revision,
      failed: r.stages.filter((s) => stageStatus(s) === 'failed').map((s) => s.name),
    })),
  };
}
