import { megabytes, seconds, signedMegabytes } from '../units.js';
import type { ReportData, ReportStage } from './data.js';
import { statusMermaid } from './mermaid.js';
import { REPORT_STATUSES, STATUS_STYLE } from './status.js';

/** GitHub refuses a comment longer than 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Longest output in characters (UTF-16 units, never fewer than GitHub counts); default GitHub's. */
  limit?: number;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** A table cell: one line, pipes escaped, clipped. */
const cell = (s: string, n = 160) => clip(s.replace(/\s*\n\s*/g, ' '), n).replace(/\|/g, '\\|');
const code = (s: string, n = 160) => {
  const c = cell(s, n);
  return c.includes('`') ? `\`\` ${c} \`\`` : `\`${c}\``;
};
const status = (s: ReportStage) => `${STATUS_STYLE[s.status].symbol} ${s.status}`;
const delta = (b: number | null) => (b === null ? '–' : signedMegabytes(b));

interface Budget {
  /** Rows per table before the rest is summarised in a row of its own. */
  rows: number;
  graph: boolean;
}

function table(head: string[], align: string[], rows: string[][], max: number, what: string): string[] {
  const shown = rows.slice(0, max);
  const out = [
    `| ${head.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...shown.map((r) => `| ${r.join(' | ')} |`),
  ];
  if (rows.length > shown.length)
    out.push(`| … ${rows.length - shown.length} more ${what} not shown |${' |'.repeat(head.length - 1)}`);
  return out;
}

function render(d: ReportData, b: Budget): string[] {
  const r = d.run;
  const out = [
    `## ${r.ok ? '✓' : '✗'} slipway pipeline: ${r.ok ? 'PASSED' : 'FAILED'}`,
    '',
    `Run \`${r.id}\` · ${r.startedAt} · ${seconds(r.durationMs)}${r.source.revision ? ` · \`${r.source.revision.slice(0, 12)}\`${r.source.branch ? ` on ${cell(r.source.branch, 80)}` : ''}${r.source.dirty ? ' (uncommitted changes)' : ''}` : ''}`,
    '',
  ];
  if (d.stale.stale)
    out.push(
      '> [!WARNING]',
      `> Stale: ${cell(d.stale.text ?? 'the record is older than the working tree', 500)}`,
      '',
    );
  out.push(
    `**Stages:** ${REPORT_STATUSES.filter((s) => d.summary[s])
      .map((s) => `${STATUS_STYLE[s].symbol} ${d.summary[s]} ${s}`)
      .join(' · ')}`,
    '',
  );
  if (b.graph) out.push('```mermaid', statusMermaid(d), '```', '');
  else out.push('_The graph is left out to fit the comment limit._', '');
  out.push(
    ...table(
      ['Stage', 'Status', 'Action', 'Why', 'Time', 'Size', 'Change', 'Tests'],
      ['---', '---', '---', '---', '--:', '--:', '--:', '---'],
      d.stages.map((s) => [
        `**${cell(s.name, 60)}**`,
        status(s),
        s.action ?? '–',
        cell(s.reasons.map((x) => x.text).join('; ') || s.because || '–'),
        s.build.status && s.build.status !== 'skipped' ? seconds(s.build.durationMs) : '–',
        megabytes(s.size.bytes),
        delta(s.size.deltaBytes),
        s.test.count
          ? `${s.test.passed}/${s.test.count}${s.test.failed ? ` (**${s.test.failed} failed**)` : ''}`
          : s.test.status === 'none'
            ? 'no spec'
            : (s.test.status ?? '–'),
      ]),
      b.rows,
      'stages',
    ),
    '',
  );

  const failed = d.stages.filter((s) => s.status === 'failed');
  if (failed.length || d.budgets.some((x) => !x.ok)) {
    out.push('### ✗ What failed', '');
    for (const s of failed) {
      out.push(`**${cell(s.name, 60)}** — ${cell(s.summary, 300)}`, '');
      const f = s.build.failure;
      if (f)
        out.push(
          '```',
          clip(f.message, 1000),
          ...f.logTail.slice(-Math.max(b.rows, 1)).map((l) => clip(l, 300)),
          '```',
          '',
        );
      if (s.test.failures.length) {
        out.push(
          ...table(
            ['Resource', 'Property', 'Expected', 'Observed'],
            ['---', '---', '---', '---'],
            s.test.failures.map((x) => [
              code(`${x.resourceType}: ${x.resourceId}`),
              cell(x.property, 60),
              code(x.expected),
              code(x.found),
            ]),
            b.rows,
            'failing assertions',
          ),
          '',
          '```',
          ...s.test.failures.slice(0, Math.max(b.rows, 1)).map((x) => clip(x.text.replace(/\n/g, ' '), 400)),
          '```',
          '',
        );
      }
    }
    for (const x of d.budgets.filter((y) => !y.ok)) out.push(`- budget exceeded: ${cell(x.message, 600)}`);
    if (d.budgets.some((x) => !x.ok)) out.push('');
  }

  const rel = d.release;
  if (rel) {
    out.push('### Release budget', '');
    const role = (stage: string, r: string) => (stage === r ? stage : `${cell(stage, 60)} (${r})`);
    const rows: string[][] = [[role(rel.stage, 'release'), megabytes(rel.sizeBytes)]];
    if (rel.baseBytes !== null) rows.push([role(rel.base, 'base'), megabytes(rel.baseBytes)]);
    if (rel.artefactBytes !== null)
      rows.push(['added to the base (artefact)', signedMegabytes(rel.artefactBytes)]);
    if (rel.naiveBytes !== null) rows.push(['naive single-stage image', megabytes(rel.naiveBytes)]);
    if (rel.naiveRatio !== null) rows.push(['release / naive', rel.naiveRatio.toFixed(2)]);
    out.push(...table(['Image', 'Size'], ['---', '--:'], rows, Number.POSITIVE_INFINITY, 'rows'), '');
    for (const x of rel.budgets)
      out.push(`- ${x.ok ? '✓ within budget' : '✗ **over budget**'}: ${cell(x.message, 600)}`);
    if (rel.budgets.length) out.push('');
  }

  for (const s of d.stages.filter((x) => x.layers.length)) {
    out.push(
      `<details><summary>Layers of ${cell(s.name, 60)} (${megabytes(s.size.bytes)}, largest marked)</summary>`,
      '',
      ...table(
        ['#', 'Instruction', 'Size', 'Change'],
        ['--:', '---', '--:', '--:'],
        s.layers.map((l, i) => [
          String(i + 1),
          `${code(l.instruction, 120)}${l.largest ? ' **▲ largest**' : ''}`,
          megabytes(l.sizeBytes),
          delta(l.deltaBytes),
        ]),
        b.rows,
        'layers',
      ),
      '',
      '</details>',
      '',
    );
  }
  if (d.smoke)
    out.push(
      `Smoke run of ${cell(d.smoke.stage, 60)}: ${d.smoke.ok ? '✓ passed' : '✗ **failed**'}${d.smoke.steps
        .filter((s) => !s.ok)
        .map((s) => ` — ${cell(s.step, 80)}: ${cell(s.message, 200)}`)
        .join('')}`,
      '',
    );
  return out;
}

const NOTE = (limit: number) =>
  `> Truncated to fit GitHub's ${limit.toLocaleString('en-US')}-character comment limit; \`slipway report --format html\` or \`--format json\` has everything.`;

/** Cut at a line boundary, closing a code block left open, with the note last. */
function hardCut(lines: readonly string[], limit: number): string {
  const note = `\n\n${NOTE(limit)}\n`;
  const room = limit - note.length - 8; // 8: a closing fence and its newlines
  const kept: string[] = [];
  let used = 0;
  let fenced = false;
  for (const l of lines) {
    const line = l.length > room ? clip(l, room) : l;
    if (used + line.length + 1 > room) break;
    kept.push(line);
    used += line.length + 1;
    if (line.startsWith('```')) fenced = !fenced;
  }
  if (fenced) kept.push('```');
  return `${kept.join('\n')}${note}`;
}

/**
 * For a pull-request comment or a CI job summary: a Mermaid graph with status classes, the stage table, what
 * failed, the release budget and each stage's layers. Fits `limit` characters: tables are cut to fewer rows
 * (each says how many it leaves out), then the graph is left out, then the text is cut; a note says so.
 */
export function reportMarkdown(d: ReportData, o: MarkdownOptions = {}): string {
  const limit = o.limit ?? GITHUB_COMMENT_LIMIT;
  const full = `${render(d, { rows: Number.POSITIVE_INFINITY, graph: true }).join('\n')}\n`;
  if (full.length <= limit) return full;
  const note = `${NOTE(limit)}\n`;
  for (const budget of [
    ...[200, 100, 50, 20, 10, 5, 3, 1].map((rows) => ({ rows, graph: true })),
    ...[5, 1, 0].map((rows) => ({ rows, graph: false })),
  ]) {
    const text = `${render(d, budget).join('\n')}\n\n${note}`;
    if (text.length <= limit) return text;
  }
  return hardCut(render(d, { rows: 0, graph: false }), limit);
}
