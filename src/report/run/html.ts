import { megabytes, seconds, signedMegabytes } from '../units.js';
import type { ReportData, ReportStage } from './data.js';
import { EDGE_STYLE, REPORT_STATUSES, type ReportStatus, STATUS_STYLE } from './status.js';
import { inlineSvg } from './svg.js';

export interface HtmlOptions {
  /** The stage graph laid out by Graphviz (`statusDot` → `cli/layout.ts`); null: the tables only. */
  svg: string | null;
  /** When the report was made (shown in the footer); omitted when null. */
  generatedAt?: string | null;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const badge = (s: ReportStatus) =>
  `<span class="badge status-${s}">${STATUS_STYLE[s].symbol} ${STATUS_STYLE[s].word}</span>`;

const delta = (bytes: number | null) =>
  bytes === null
    ? '<span class="muted">–</span>'
    : `<span class="${bytes > 0 ? 'grew' : bytes < 0 ? 'shrank' : 'same'}">${esc(signedMegabytes(bytes))}</span>`;

const CSS = `
:root { color-scheme: light; --ink: #111827; --muted: #4b5563; --line: #d1d5db; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
  margin: 0 auto; padding: 1.5rem; max-width: 72rem; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; } h4 { font-size: .95rem; margin: .9rem 0 .3rem; }
.muted { color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
.verdict { font-size: 1rem; vertical-align: middle; }
.badge { display: inline-block; padding: 0 .45em; border: 1px solid; border-radius: .3em; font-size: .85em; font-weight: 600;
  white-space: nowrap; }
${REPORT_STATUSES.map((s) => `.status-${s} .badge, .badge.status-${s}, li.status-${s} { background: ${STATUS_STYLE[s].fill}; border-color: ${STATUS_STYLE[s].stroke}; border-style: ${STATUS_STYLE[s].border === 'dashed' ? 'dashed' : 'solid'}; ${STATUS_STYLE[s].border === 'bold' ? 'border-width: 2px;' : ''} }`).join('\n')}
.stale { border: 2px solid #b45309; background: #fffbeb; padding: .6rem .9rem; margin: 1rem 0; border-radius: .3rem; }
.problems { border-left: 4px solid #b91c1c; padding: .2rem .9rem; background: #fef2f2; }
ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
ul.counts li { border: 1px solid; border-radius: .3em; padding: .1rem .6rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f3f4f6; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td code, li code { font-size: .85em; word-break: break-word; }
tr.largest td { font-weight: 600; } .mark { font-size: .8em; border: 1px solid #b45309; border-radius: .3em; padding: 0 .3em; }
.grew { color: #b91c1c; } .shrank { color: #047857; }
pre { background: #f9fafb; border: 1px solid var(--line); padding: .5rem; overflow-x: auto; font-size: .82rem; white-space: pre-wrap; }
figure { margin: 0; } figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figure svg a { cursor: pointer; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; font-size: .85rem; }
section.stage { border-top: 1px solid var(--line); }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  section.stage, table, figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  pre { white-space: pre-wrap; }
}
`;

function meta(d: ReportData): string {
  const r = d.run;
  const rows: [string, string][] = [
    ['Run', `<code>${esc(r.id)}</code> (${esc(r.kind)})`],
    ['Started', esc(r.startedAt)],
    ['Duration', esc(seconds(r.durationMs))],
    [
      'Revision',
      r.source.revision
        ? `<code>${esc(r.source.revision.slice(0, 12))}</code>${r.source.branch ? ` on ${esc(r.source.branch)}` : ''}${r.source.dirty ? ' (with uncommitted changes)' : ''}`
        : '<span class="muted">not a git repository</span>',
    ],
  ];
  if (r.plan)
    rows.push(['Plan', `${esc(r.plan.base ?? 'everything')} → ${esc(r.plan.head ?? 'working tree')}`]);
  return `<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function summary(d: ReportData): string {
  const counts = REPORT_STATUSES.filter((s) => d.summary[s] > 0)
    .map((s) => `<li class="status-${s}">${STATUS_STYLE[s].symbol} ${d.summary[s]} ${s}</li>`)
    .join('');
  const failed = d.stages.filter((s) => s.status === 'failed');
  const problems = [
    ...failed.map((s) => `<li><a href="#stage-${esc(s.name)}">${esc(s.name)}</a>: ${esc(s.summary)}</li>`),
    ...d.budgets.filter((b) => !b.ok).map((b) => `<li>budget exceeded: ${esc(b.message)}</li>`),
    ...(d.smoke && !d.smoke.ok ? [`<li>smoke run of ${esc(d.smoke.stage)} failed</li>`] : []),
  ];
  return `<section aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>
<ul class="counts" aria-label="stages by status">${counts}</ul>
${problems.length ? `<div class="problems"><h3>What failed</h3><ul>${problems.join('')}</ul></div>` : '<p>Nothing failed.</p>'}
</section>`;
}

function graph(d: ReportData, svg: string | null): string {
  const legend = [
    ...REPORT_STATUSES.map((s) => `<li>${badge(s)} ${s}</li>`),
    ...Object.values(EDGE_STYLE).map(
      (e) =>
        `<li><span style="color:${e.color}">${e.style === 'solid' ? '───' : e.style === 'dashed' ? '╌╌╌' : '┈┈┈'}</span> ${e.label}</li>`,
    ),
  ].join('');
  const body = svg
    ? inlineSvg(svg, d)
    : '<p class="muted">The graph was not laid out; the stages are listed below.</p>';
  return `<section aria-labelledby="h-graph"><h2 id="h-graph">Stage graph</h2>
<figure>${body}<figcaption><ul class="legend" aria-label="legend">${legend}</ul>
<p class="muted">A stage stands above what it is built FROM; hover a stage for the plan's reasons, select it for its details.</p></figcaption></figure>
</section>`;
}

function overview(d: ReportData): string {
  const rows = d.stages.map(
    (
      s,
    ) => `<tr class="status-${s.status}" data-stage="${esc(s.name)}"><th scope="row"><a href="#stage-${esc(s.name)}">${esc(s.name)}</a></th>
<td>${badge(s.status)}</td><td>${esc(s.action ?? '–')}</td><td>${esc(s.reasons.map((r) => r.text).join('; ') || s.because || '–')}</td>
<td class="num">${s.build.status && s.build.status !== 'skipped' ? esc(seconds(s.build.durationMs)) : '–'}</td>
<td class="num">${esc(megabytes(s.size.bytes))}</td><td class="num">${delta(s.size.deltaBytes)}</td>
<td>${s.test.count ? `${s.test.passed}/${s.test.count} passed${s.test.failed ? `, <strong>${s.test.failed} failed</strong>` : ''}` : esc(s.test.status === 'none' ? 'no spec' : (s.test.status ?? '–'))}</td></tr>`,
  );
  return `<section aria-labelledby="h-stages"><h2 id="h-stages">Stages</h2>
<table class="stages"><caption>Every stage: what the plan decided, and what came of it</caption>
<thead><tr><th scope="col">Stage</th><th scope="col">Status</th><th scope="col">Action</th><th scope="col">Why</th>
<th scope="col" class="num">Build time</th><th scope="col" class="num">Size</th><th scope="col" class="num">Change</th><th scope="col">Tests</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

function layers(s: ReportStage): string {
  if (!s.layers.length) return '';
  const rows = s.layers.map(
    (
      l,
      i,
    ) => `<tr${l.largest ? ' class="largest"' : ''}><td class="num">${i + 1}</td><td><code>${esc(l.instruction)}</code>${l.largest ? ' <span class="mark">largest</span>' : ''}</td>
<td class="num">${esc(megabytes(l.sizeBytes))}</td><td class="num">${delta(l.deltaBytes)}</td></tr>`,
  );
  return `<table class="layers"><caption>Layers of ${esc(s.name)} (the largest marked)</caption>
<thead><tr><th scope="col" class="num">#</th><th scope="col">Instruction</th><th scope="col" class="num">Size</th><th scope="col" class="num">Change</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function tests(s: ReportStage): string {
  const t = s.test;
  if (t.status === null || t.status === 'none') return '<p>Tests: no spec for this stage.</p>';
  const line = `<p>Tests: ${esc(t.status)}${t.count ? ` — ${t.count} assertions, ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped in ${esc(seconds(t.durationMs))}` : ''}${t.because ? ` (${esc(t.because)})` : ''}.</p>`;
  if (!t.failures.length) return line;
  const rows = t.failures.map(
    (
      f,
    ) => `<tr class="failure"><td><code>${esc(`${f.resourceType}: ${f.resourceId}`)}</code></td><td>${esc(f.property)}</td>
<td><code>${esc(f.expected)}</code></td><td><code>${esc(f.found)}</code></td></tr>`,
  );
  return `${line}<table class="failures"><caption>Failing assertions of ${esc(s.name)}</caption>
<thead><tr><th scope="col">Resource</th><th scope="col">Property</th><th scope="col">Expected</th><th scope="col">Observed</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<h4>As the terminal shows them</h4><pre class="assertions">${esc(t.failures.map((f) => f.text).join('\n'))}</pre>`;
}

function stageSection(s: ReportStage): string {
  const reasons = s.reasons.length
    ? `<ul class="reasons">${s.reasons.map((r) => `<li>${esc(r.text)}${r.file ? ` <code>${esc(r.file)}${r.line ? `:${r.line}` : ''}</code>` : ''}</li>`).join('')}</ul>`
    : '';
  const f = s.build.failure;
  const build =
    s.build.status === null
      ? '<p>Not in the record.</p>'
      : `<p>Build: ${esc(s.build.status)}${s.build.status === 'skipped' ? '' : ` in ${esc(seconds(s.build.durationMs))}, ${s.build.stepsRun} steps run, ${s.build.stepsCached} cached`}${s.build.imageId ? `; image <code>${esc(s.build.imageId.replace(/^sha256:/, '').slice(0, 12))}</code>` : ''}.</p>`;
  const size =
    s.size.bytes === null
      ? ''
      : `<p>Size: <strong>${esc(megabytes(s.size.bytes))}</strong>${s.size.deltaBytes !== null ? ` (${delta(s.size.deltaBytes)} since run <code>${esc(s.size.previousRun ?? '')}</code>)` : ' (no earlier recorded size)'}.</p>`;
  return `<section class="stage status-${s.status}" id="stage-${esc(s.name)}" data-stage="${esc(s.name)}" data-status="${s.status}" aria-labelledby="h-stage-${esc(s.name)}">
<h3 id="h-stage-${esc(s.name)}">${esc(s.name)} ${badge(s.status)}</h3>
<p>${esc(s.summary)}.${s.line ? ` <span class="muted">Dockerfile line ${s.line}.</span>` : ''}</p>
${s.action ? `<p>Plan: <strong>${esc(s.action)}</strong>${s.reasons.length ? ', because:' : '.'}</p>${reasons}` : ''}
${build}
${f ? `<div class="problems"><p>Failed at <code>${esc(f.step)}</code>: ${esc(f.message)}</p>${f.logTail.length ? `<pre>${esc(f.logTail.join('\n'))}</pre>` : ''}</div>` : ''}
${size}${layers(s)}${tests(s)}
</section>`;
}

function release(d: ReportData): string {
  const r = d.release;
  if (!r) return '';
  const role = (stage: string, name: string) => (stage === name ? stage : `${stage} (${name})`);
  const rows: [string, string][] = [[role(r.stage, 'release'), megabytes(r.sizeBytes)]];
  if (r.baseBytes !== null) rows.push([role(r.base, 'base'), megabytes(r.baseBytes)]);
  if (r.artefactBytes !== null)
    rows.push([`added to ${r.base}: the artefact`, signedMegabytes(r.artefactBytes)]);
  if (r.naiveBytes !== null) rows.push(['a naive single-stage image', megabytes(r.naiveBytes)]);
  if (r.naiveRatio !== null) rows.push(['release / naive', r.naiveRatio.toFixed(2)]);
  const budgets = r.budgets.length
    ? `<ul class="budgets">${r.budgets.map((b) => `<li>${b.ok ? '✓ within budget' : '<strong>✗ over budget</strong>'}: ${esc(b.message)}</li>`).join('')}</ul>`
    : '<p class="muted">No budget is set for the release (slipway.yaml <code>budgets</code>).</p>';
  const others = d.budgets.filter((b) => b.stage !== r.stage);
  return `<section aria-labelledby="h-release"><h2 id="h-release">Release budget</h2>
<table class="release"><caption>What the release weighs</caption><thead><tr><th scope="col">Image</th><th scope="col" class="num">Size</th></tr></thead>
<tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td class="num">${esc(v)}</td></tr>`).join('')}</tbody></table>
${budgets}${others.length ? `<h3>Other budgets</h3><ul class="budgets">${others.map((b) => `<li>${b.ok ? '✓ within budget' : '<strong>✗ over budget</strong>'}: ${esc(b.message)}</li>`).join('')}</ul>` : ''}
</section>`;
}

function smoke(d: ReportData): string {
  if (!d.smoke) return '';
  return `<section aria-labelledby="h-smoke"><h2 id="h-smoke">Smoke run of ${esc(d.smoke.stage)}</h2>
<table><thead><tr><th scope="col">Step</th><th scope="col">Result</th><th scope="col">Message</th></tr></thead><tbody>
${d.smoke.steps.map((s) => `<tr><td>${esc(s.step)}</td><td>${s.ok ? '✓ ok' : '<strong>✗ failed</strong>'}</td><td>${esc(s.message)}</td></tr>`).join('\n')}
</tbody></table></section>`;
}

function history(d: ReportData): string {
  if (d.history.length < 2) return '';
  return `<section aria-labelledby="h-history"><h2 id="h-history">Recorded runs</h2>
<table><thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">Revision</th><th scope="col">Result</th></tr></thead><tbody>
${d.history.map((h, i) => `<tr><td><code>${esc(h.id)}</code>${i === 0 ? ' (this report)' : ''}</td><td>${esc(h.startedAt)}</td><td><code>${esc((h.revision ?? '–').slice(0, 12))}</code></td><td>${h.ok ? '✓ passed' : `<strong>✗ failed</strong>${h.failed.length ? ` (${esc(h.failed.join(', '))})` : ''}`}</td></tr>`).join('\n')}
</tbody></table></section>`;
}

/** The report as one self-contained HTML page: inline CSS and SVG, no script, no network. */
export function reportHtml(d: ReportData, o: HtmlOptions): string {
  const verdict = d.run.ok ? 'passed' : 'failed';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>slipway report: ${verdict.toUpperCase()} (${esc(d.run.id)})</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Pipeline report <span class="badge verdict status-${d.run.ok ? 'tested' : 'failed'}">${d.run.ok ? '✓ PASSED' : '✗ FAILED'}</span></h1>
${meta(d)}
${d.stale.stale ? `<div class="stale" role="note"><strong>Stale:</strong> ${esc(d.stale.text ?? 'the record is older than the working tree')}</div>` : ''}
</header>
<main>
${summary(d)}
${graph(d, o.svg)}
${overview(d)}
<section aria-labelledby="h-details"><h2 id="h-details">Per stage</h2>
${d.stages.map(stageSection).join('\n')}
</section>
${release(d)}
${smoke(d)}
${history(d)}
</main>
<footer>Made by <code>slipway report</code> from the recorded run${o.generatedAt ? ` at ${esc(o.generatedAt)}` : ''}; nothing was re-run. The same data: <code>slipway report --format json</code>.</footer>
</body>
</html>
`;
}
