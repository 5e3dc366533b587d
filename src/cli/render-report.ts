import type { DockerfileModel } from '../dockerfile/stage.js';
import type { RunRecord } from '../history/record.js';
import {
  REPORT_FORMATS,
  type ReportData,
  type ReportFormat,
  type ReportOptions,
  reportData,
  statusDot,
} from '../report/run/index.js';
import { layoutSvg } from './layout.js';

export interface RenderOptions extends ReportOptions {
  format: ReportFormat;
  /** Markdown's length limit (default GitHub's comment limit). */
  limit?: number;
  generatedAt?: string | null;
}

/**
 * The report of the newest of `records` (newest first; the rest is its history) in a format. The one async
 * step, laying out the graph for HTML, happens here; everything else is the pure data builder and formatter.
 */
export async function renderReport(
  records: readonly RunRecord[],
  model: DockerfileModel | null,
  opts: RenderOptions,
): Promise<{ text: string; data: ReportData }> {
  const data = reportData(records, model, opts);
  const svg = opts.format === 'html' ? await layoutSvg(statusDot(data)) : null;
  const text = REPORT_FORMATS[opts.format](data, {
    svg,
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    generatedAt: opts.generatedAt ?? null,
  });
  return { text, data };
}
