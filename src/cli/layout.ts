import type { Viz } from '@viz-js/viz';

let viz: Promise<Viz> | null = null;

/**
 * Lays out DOT with Graphviz compiled to WebAssembly (`@viz-js/viz`: no system package) and returns the SVG.
 * The module (1.5 MB of WebAssembly) is loaded on first use and decoded once per process (~70 ms); a layout of
 * a few dozen stages takes milliseconds.
 */
export async function layoutSvg(dot: string): Promise<string> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  const r = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (r.status !== 'success')
    throw new Error(
      `Graphviz could not lay out the stage graph: ${r.errors.map((e) => e.message).join('; ')}`,
    );
  return r.output;
}
