import type { ReportData } from './data.js';
import { sizeText } from './dot.js';
import { EDGE_STYLE, REPORT_STATUSES, type ReportStatus, STATUS_STYLE } from './status.js';

export const mermaidId = (k: string) => `s_${k.replace(/[^A-Za-z0-9_]/g, '_')}`;
const imageId = (r: string) => `i_${r.replace(/[^A-Za-z0-9_]/g, '_')}`;
export const mermaidText = (s: string) =>
  s.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));

/** `classDef` lines, one per status: fill and border; skipped dashed, failed bold (not colour alone). */
export const mermaidClassDefs = (): string[] =>
  REPORT_STATUSES.map((s) => {
    const st = STATUS_STYLE[s];
    const border =
      st.border === 'dashed' ? ',stroke-dasharray:5 5' : st.border === 'bold' ? ',stroke-width:3px' : '';
    return `  classDef ${s} fill:${st.fill},stroke:${st.stroke},color:#111827${border}`;
  });

/** The label of a stage with its status word: `<b>name</b><br/>✓ TESTED<br/>12.0 MB`. */
export const mermaidLabel = (name: string, status: ReportStatus, extra: string | null): string =>
  `<b>${mermaidText(name)}</b><br/>${STATUS_STYLE[status].symbol} ${STATUS_STYLE[status].word}${extra ? `<br/>${mermaidText(extra)}` : ''}`;

/** The stage graph with status classes, for Markdown (GitHub renders ```mermaid blocks). */
export function statusMermaid(d: ReportData): string {
  const out = ['flowchart BT'];
  for (const s of d.stages)
    out.push(
      `  ${mermaidId(s.name)}["${mermaidLabel(s.name, s.status, sizeText(s) || null)}"]:::${s.status}`,
    );
  for (const img of d.images) out.push(`  ${imageId(img)}(["${mermaidText(img)}"])`);
  const styled: string[] = [];
  d.edges.forEach((e, i) => {
    const from = e.fromImage ? imageId(e.from) : mermaidId(e.from);
    const label = EDGE_STYLE[e.via].label;
    out.push(
      e.via === 'from'
        ? `  ${from} -->|${label}| ${mermaidId(e.to)}`
        : `  ${from} -.->|${label}| ${mermaidId(e.to)}`,
    );
    if (e.via !== 'from') styled.push(`  linkStyle ${i} stroke:${EDGE_STYLE[e.via].color}`);
  });
  out.push(...mermaidClassDefs(), ...styled);
  return out.join('\n');
}
