import type { ReportData } from './data.js';
import { reportHtml } from './html.js';
import { reportMarkdown } from './markdown.js';

/** What the formats take besides the data: the laid-out graph (html), the size limit (markdown). */
export interface ReportFormatOptions {
  svg?: string | null;
  limit?: number;
  generatedAt?: string | null;
}

/** `slipway report --format`: one file and one line each. */
export const REPORT_FORMATS = {
  html: (d: ReportData, o: ReportFormatOptions) =>
    reportHtml(d, { svg: o.svg ?? null, generatedAt: o.generatedAt ?? null }),
  markdown: (d: ReportData, o: ReportFormatOptions) =>
    reportMarkdown(d, o.limit !== undefined ? { limit: o.limit } : {}),
  json: (d: ReportData) => `${JSON.stringify(d, null, 2)}\n`,
} as const satisfies Record<string, (d: ReportData, o: ReportFormatOptions) => string>;

export type ReportFormat = keyof typeof REPORT_FORMATS;
export { REPORT_SCHEMA, type ReportData, type ReportOptions, reportData } from './data.js';
export { statusDot } from './dot.js';
export { GITHUB_COMMENT_LIMIT } from './markdown.js';
export { type ReportStatus, STATUS_STYLE, stageStatus } from './status.js';
