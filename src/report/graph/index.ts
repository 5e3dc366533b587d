import { graphAscii } from './ascii.js';
import { graphDot } from './dot.js';
import { graphMermaid } from './mermaid.js';
import { type GraphView, graphJson } from './model-json.js';

/** Graph formats: one file and one line each. */
export const GRAPH_FORMATS = {
  ascii: (v: GraphView) => graphAscii(v),
  mermaid: graphMermaid,
  dot: graphDot,
  json: graphJson,
} as const satisfies Record<string, (v: GraphView) => string>;

export type GraphFormat = keyof typeof GRAPH_FORMATS;
export type { StatusOverlay } from './model-json.js';
export type { GraphView };
