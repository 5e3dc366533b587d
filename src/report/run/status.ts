import type { StageRecord } from '../../history/record.js';

/** What happened to a stage in a run, as the report colours and names it. */
export type ReportStatus = 'skipped' | 'cached' | 'built' | 'tested' | 'failed';
export const REPORT_STATUSES: readonly ReportStatus[] = ['skipped', 'cached', 'built', 'tested', 'failed'];

/** failed (build or test) > tested (its spec passed now) > built > cached > skipped. */
export function stageStatus(s: StageRecord): ReportStatus {
  if (s.build.status === 'failed' || s.test.status === 'failed') return 'failed';
  if (s.test.status === 'passed') return 'tested';
  if (s.build.status === 'built') return 'built';
  if (s.build.status === 'cached') return 'cached';
  return 'skipped';
}

/**
 * How each status looks. Colour is never the only signal: every status has its word (upper case in the
 * graph), a symbol and a border style.
 */
export const STATUS_STYLE: Record<
  ReportStatus,
  { word: string; symbol: string; fill: string; stroke: string; border: 'dashed' | 'solid' | 'bold' }
> = {
  skipped: { word: 'SKIPPED', symbol: '–', fill: '#eeeeee', stroke: '#6b7280', border: 'dashed' },
  cached: { word: 'CACHED', symbol: '↺', fill: '#dbeafe', stroke: '#1d4ed8', border: 'solid' },
  built: { word: 'BUILT', symbol: '■', fill: '#fef3c7', stroke: '#b45309', border: 'solid' },
  tested: { word: 'TESTED', symbol: '✓', fill: '#d1fae5', stroke: '#047857', border: 'solid' },
  failed: { word: 'FAILED', symbol: '✗', fill: '#fecaca', stroke: '#b91c1c', border: 'bold' },
};

/** What the edges of the graph mean. */
export const EDGE_STYLE = {
  from: { label: 'FROM', style: 'solid', color: '#374151' },
  copy: { label: 'COPY --from', style: 'dashed', color: '#1d4ed8' },
  mount: { label: 'mount from', style: 'dotted', color: '#7c3aed' },
} as const;
