import { megabytes, signedMegabytes } from '../units.js';
import type { ReportData, ReportStage } from './data.js';
import { EDGE_STYLE, STATUS_STYLE } from './status.js';

const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** The SVG id of a stage's node; the report's section of the stage is `stage-<name>`. */
export const nodeId = (stage: string) => `node-${stage}`;
const imageNode = (ref: string) => `image:${ref}`;

/** One line per reason, for a node's tooltip and title. */
export const reasonsText = (s: ReportStage): string =>
  [
    ...s.reasons.map((r) => r.text),
    ...(s.because ? [s.because] : []),
    ...(s.recorded ? [] : ['not in the record']),
  ].join('\n');

/** `323.8 MB (+1.2 MB)` */
export const sizeText = (s: ReportStage): string =>
  s.size.bytes === null
    ? ''
    : `${megabytes(s.size.bytes)}${s.size.deltaBytes !== null && s.size.deltaBytes !== 0 ? ` (${signedMegabytes(s.size.deltaBytes)})` : ''}`;

/**
 * The stage graph with each stage's outcome, in DOT for Graphviz: bottom-up (a stage above what it is built
 * FROM), filled and bordered by status with the status word in the label, edges styled by how a stage uses
 * another (FROM, COPY --from, mount from), the plan's reasons as each node's tooltip, each node linking to
 * its section of the report. Pure; `cli/layout.ts` lays it out.
 */
export function statusDot(d: ReportData): string {
  const out = [
    'digraph stages {',
    '  rankdir=BT; bgcolor="transparent"; nodesep=0.35; ranksep=0.5;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, margin="0.18,0.08"];',
    '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
  ];
  for (const s of d.stages) {
    const st = STATUS_STYLE[s.status];
    const label = [s.name, `${st.symbol} ${st.word}`, sizeText(s)].filter(Boolean).join('\n');
    const style = st.border === 'dashed' ? 'rounded,filled,dashed' : 'rounded,filled';
    const tooltip = `${s.name}: ${s.summary}${reasonsText(s) ? `\n${reasonsText(s)}` : ''}`;
    out.push(
      `  ${q(s.name)} [id=${q(nodeId(s.name))}, class=${q(`stage status-${s.status}`)}, label=${q(label)}, style=${q(style)}, fillcolor=${q(st.fill)}, color=${q(st.stroke)}, penwidth=${st.border === 'bold' ? 3 : 1.2}, tooltip=${q(tooltip)}, URL=${q(`#stage-${s.name}`)}];`,
    );
  }
  for (const img of d.images)
    out.push(
      `  ${q(imageNode(img))} [label=${q(img)}, shape=ellipse, style=dashed, color="#6b7280", fontcolor="#374151", fontsize=10, class="image", tooltip=${q(`external image ${img}`)}];`,
    );
  for (const e of d.edges) {
    const es = EDGE_STYLE[e.via];
    out.push(
      `  ${q(e.fromImage ? imageNode(e.from) : e.from)} -> ${q(e.to)} [class=${q(`edge-${e.via}`)}, style=${es.style}, color=${q(es.color)}, fontcolor=${q(es.color)}, label=${q(es.label)}];`,
    );
  }
  out.push('}');
  return out.join('\n');
}
