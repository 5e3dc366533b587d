import type { Stage } from '../../dockerfile/stage.js';
import { STATUS_STYLE } from '../run/status.js';
import { megabytes } from '../units.js';
import { type GraphView, viewStages } from './model-json.js';

/**
 * Boxes bottom-up, as in the origin README's "Dockerfile Hierarchy": the root stages at the bottom, each stage
 * in the row above the stage it is built FROM. Each box says `Name:`, `Deps:` and what it is built `FROM`;
 * artefacts copied across are a distinct `<==` arrow naming the source stage. Fits `width` columns.
 */
export function graphAscii(v: GraphView, width = 100): string {
  const stages = viewStages(v);
  const depth = new Map<string, number>();
  const depthOf = (s: Stage): number => {
    const known = depth.get(s.key);
    if (known !== undefined) return known;
    const parent = s.parent ? stages.find((p) => p.key === s.parent) : undefined;
    const d = parent ? depthOf(parent) + 1 : 0;
    depth.set(s.key, d);
    return d;
  };
  for (const s of stages) depthOf(s);
  const rows: Stage[][] = [];
  for (const s of stages) {
    const d = depth.get(s.key) as number;
    rows[d] = [...(rows[d] ?? []), s];
  }

  const out: string[] = [];
  const gap = 2;
  const minBox = 24;
  const perLine = Math.max(1, Math.floor((width + gap) / (minBox + gap)));
  const join = (cells: string[]) => cells.join(' '.repeat(gap)).trimEnd();
  for (let d = rows.length - 1; d >= 0; d--) {
    const row = rows[d] ?? [];
    // A wide row wraps onto several lines of boxes, so the picture stays within `width` columns.
    for (let start = 0; start < row.length; start += perLine) {
      const chunk = row.slice(start, start + perLine);
      const boxWidth = Math.min(60, Math.floor((width - gap * (chunk.length - 1)) / chunk.length));
      const boxes = chunk.map((s) => box(s, boxWidth, statusLine(v, s.key)));
      const height = Math.max(...boxes.map((b) => b.length));
      for (const b of boxes)
        while (b.length < height) b.splice(b.length - 1, 0, `|${' '.repeat(boxWidth - 2)}|`);
      for (let i = 0; i < height; i++) out.push(join(boxes.map((b) => b[i] as string)));
      if (d > 0) out.push(join(chunk.map((s) => center(s.parent ? `^ FROM ${s.parent}` : '', boxWidth))));
    }
  }
  if (v.target) out.push('', `Build order for ${v.target}: ${v.stages.join(' → ')}`);
  out.push(
    '',
    'A box stands on the box it is built FROM.  <== stage:path = artefact copied across (--from).',
  );
  if (v.status) out.push(`Status: the last recorded outcome (run ${v.status.runs.join(', ')}).`);
  return out.join('\n');
}

/** `Status: ✓ TESTED 326.5 MB`, or `Status: - not recorded`. */
function statusLine(v: GraphView, key: string): string | null {
  if (!v.status) return null;
  const o = v.status.stages.get(key);
  if (!o) return 'Status: - not recorded';
  const st = STATUS_STYLE[o.status];
  return `Status: ${st.symbol} ${st.word}${o.sizeBytes !== null ? ` ${megabytes(o.sizeBytes)}` : ''}`;
}

function box(s: Stage, w: number, status: string | null): string[] {
  const inner = w - 4;
  const lines = [`Name: ${s.key}`, ...(status ? [status] : [])];
  const deps = [...s.deps.packages, ...s.deps.tools];
  lines.push(...wrap(`Deps: ${deps.length ? deps.join(', ') : '-'}`, inner, 2));
  lines.push(`FROM: ${s.parent ?? s.baseImage ?? 'scratch'}`);
  for (const a of s.deps.artefacts) lines.push(...wrap(`<== ${a}`, inner, 1));
  for (const r of s.refs.filter((x) => x.via === 'mount' && x.stage)) lines.push(`<== ${r.stage} (mount)`);
  const border = `+${'-'.repeat(w - 2)}+`;
  return [border, ...lines.map((l) => `| ${clip(l, inner)} |`), border];
}

function wrap(text: string, w: number, maxLines: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > w && out.length < maxLines - 1) {
    const cut = rest.lastIndexOf(' ', w);
    const at = cut > w / 2 ? cut : w;
    out.push(rest.slice(0, at));
    rest = `      ${rest.slice(at).trimStart()}`;
  }
  out.push(rest);
  return out;
}

const clip = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
const center = (s: string, w: number) => {
  const left = Math.floor((w - s.length) / 2);
  return `${' '.repeat(Math.max(0, left))}${s}`.padEnd(w);
};
