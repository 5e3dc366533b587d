import { STATUS_STYLE } from '../run/status.js';
import { type GraphView, viewStages } from './model-json.js';

const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Graphviz: `slipway graph --format dot | dot -Tsvg > stages.svg`. */
export function graphDot(v: GraphView): string {
  const out = ['digraph stages {', '  rankdir=BT;', '  node [shape=box, fontname="Helvetica"];'];
  const stages = viewStages(v);
  for (const s of stages) {
    const deps = [...s.deps.packages, ...s.deps.tools].slice(0, 6).join(', ');
    const o = v.status?.stages.get(s.key);
    const st = o ? STATUS_STYLE[o.status] : null;
    const status = st ? `\n${st.symbol} ${st.word}` : '';
    const fill = st
      ? `, style="filled${st.border === 'dashed' ? ',dashed' : ''}", fillcolor=${q(st.fill)}, color=${q(st.stroke)}`
      : '';
    out.push(`  ${q(s.key)} [label=${q(`Name: ${s.key}${status}${deps ? `\nDeps: ${deps}` : ''}`)}${fill}];`);
  }
  for (const img of new Set(stages.flatMap((s) => s.images)))
    out.push(`  ${q(img)} [shape=ellipse, style=dashed];`);
  for (const s of stages) {
    const base = s.parent ?? s.baseImage;
    if (base) out.push(`  ${q(s.key)} -> ${q(base)} [label="FROM"];`);
    for (const r of s.refs.filter((x) => x.via !== 'from')) {
      const from = r.stage ?? r.image;
      if (from)
        out.push(
          `  ${q(from)} -> ${q(s.key)} [style=dashed, color=blue, label=${q(r.via === 'copy' ? 'COPY --from' : 'mount')}];`,
        );
    }
  }
  out.push('}');
  return out.join('\n');
}
