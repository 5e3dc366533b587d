import { instance, type Viz } from '@viz-js/viz';

let viz: Promise<Viz> | null = null;

/**
 * Lays out DOT with Graphviz compiled to WebAssembly (`@viz-js/viz`: no system package) and returns the SVG.
 * The WebAssembly module is decoded once per process (~70 ms); a layout of a few dozen stages takes a few ms.
 */
export async function layoutSvg(dot: string): Promise<string> {
  viz ??= instance();
  const r = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (r.status !== 'success')
    throw new Error(
      `Graphviz could not lay out the stage graph: ${r.errors.map((e) => e.message).join('; ')}`,
    );
  return r.output;
}
