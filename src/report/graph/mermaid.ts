import { mermaidClassDefs } from '../run/mermaid.js';
import { STATUS_STYLE } from '../run/status.js';
import { megabytes } from '../units.js';
import { type GraphView, viewStages } from './model-json.js';

const id = (k: string) => `s_${k.replace(/[^A-Za-z0-9_]/g, '_')}`;
const imgId = (r: string) => `i_${r.replace(/[^A-Za-z0-9_]/g, '_')}`;
const esc = (s: string) => s.replace(/"/g, '#quot;');

/** Mermaid flowchart, bottom-up: FROM as solid arrows, copied artefacts as dotted arrows. */
export function graphMermaid(v: GraphView): string {
  const out = ['flowchart BT'];
  const stages = viewStages(v);
  for (const s of stages) {
    const deps = [...s.deps.packages, ...s.deps.tools].slice(0, 6).join(', ');
    const o = v.status?.stages.get(s.key);
    const st = o ? STATUS_STYLE[o.status] : null;
    const status =
      st && o
        ? `<br/>${st.symbol} ${st.word}${o.sizeBytes !== null ? ` ${megabytes(o.sizeBytes)}` : ''}`
        : '';
    out.push(
      `  ${id(s.key)}["<b>${esc(s.key)}</b>${status}${deps ? `<br/>${esc(deps)}` : ''}"]${o ? `:::${o.status}` : ''}`,
    );
  }
  for (const img of new Set(stages.flatMap((s) => s.images))) out.push(`  ${imgId(img)}(["${esc(img)}"])`);
  for (const s of stages) {
    if (s.parent) out.push(`  ${id(s.key)} --> ${id(s.parent)}`);
    else if (s.baseImage) out.push(`  ${id(s.key)} --> ${imgId(s.baseImage)}`);
    for (const r of s.refs.filter((x) => x.via !== 'from')) {
      const target = r.stage ? id(r.stage) : r.image ? imgId(r.image) : null;
      if (target)
        out.push(`  ${target} -. ${r.via === 'copy' ? 'COPY --from' : 'mount from'} .-> ${id(s.key)}`);
    }
  }
  if (v.status) out.push(...mermaidClassDefs());
  return out.join('\n');
}
