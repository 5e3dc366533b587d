import type { ReportData } from './data.js';
import { nodeId, reasonsText } from './dot.js';
import { STATUS_STYLE } from './status.js';

export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const decode = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');

/**
 * Graphviz's SVG made fit to sit inside an HTML page: no XML prolog, doctype or comments; an accessible name
 * listing every stage's status; each stage node's `<title>` (what a browser shows on hover and a screen
 * reader reads) saying the status and the plan's reasons.
 */
export function inlineSvg(svg: string, d: ReportData): string {
  const titles = new Map(
    d.stages.map((s) => [
      nodeId(s.name),
      `${s.name}: ${STATUS_STYLE[s.status].word} — ${s.summary}${reasonsText(s) ? `\n${reasonsText(s)}` : ''}`,
    ]),
  );
  const label = `Stage graph: ${d.stages.map((s) => `${s.name} ${s.status}`).join(', ')}`;
  return (
    svg
      .replace(/<\?xml[^>]*\?>\s*/g, '')
      .replace(/<!DOCTYPE[^>]*>\s*/g, '')
      .replace(/<!--[\s\S]*?-->\s*/g, '')
      // Graphviz writes every '-' as a character reference; plain is the same to a browser and easier to read.
      .replace(/&#45;/g, '-')
      .replace(/<svg\b/, `<svg role="img" aria-label="${xmlEscape(label)}" class="stage-graph"`)
      .replace(
        /(<g id="([^"]*)" class="node[^"]*">\s*<title>)([^<]*)(<\/title>)/g,
        (all, open: string, id: string, _t: string, close: string) => {
          const t = titles.get(decode(id));
          return t === undefined ? all : `${open}${xmlEscape(t)}${close}`;
        },
      )
      .trim()
  );
}
