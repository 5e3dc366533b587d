import { formatDiagnostic } from '../core/diagnostics.js';
import type { BuildEvent, StageResult } from '../stages/build-stages.js';
import { seconds } from './units.js';

/**
 * Progress as a person follows it: pure state and text. `cli/progress.ts` draws the frame on a terminal (one
 * live line per running stage, rewritten in place) and prints the persisted lines above it; without a
 * terminal, the CLI prints plain lines instead.
 */
export type ProgressEvent =
  | BuildEvent
  | { type: 'test-start'; stage: string; total: number }
  | { type: 'test-progress'; stage: string; done: number; total: number }
  | { type: 'test-end'; stage: string; count: number; failed: number; durationMs: number };

export interface LiveStage {
  stage: string;
  kind: 'build' | 'test';
  startedAt: number;
  /** BuildKit's `[stage n/m]` of the step running, e.g. `build 2/7`. */
  step: string | null;
  /** The step's instruction, or what BuildKit is doing (`[internal] load build definition`). */
  what: string;
  /** The step's last line of output. */
  output: string | null;
  tests: { done: number; total: number } | null;
}

export interface ProgressState {
  live: LiveStage[];
}

export const initialProgress = (): ProgressState => ({ live: [] });

/** `#5 [build 2/7] RUN npm ci` → {step: 'build 2/7', what: 'RUN npm ci'}; `#5 0.52 added 3 packages` → output. */
export function parseBuildkitLine(
  line: string,
): { step: string | null; what: string } | { output: string } | null {
  const head = line.match(/^#\d+ \[([^\]]+)\] (.+)$/);
  if (head) {
    const inner = head[1] as string;
    const step = /^\S+ \d+\/\d+$/.test(inner) ? inner : null;
    return { step, what: step ? (head[2] as string) : `[${inner}] ${head[2]}` };
  }
  const out = line.match(/^#\d+ \d+\.\d+ (.*\S.*)$/);
  if (out) return { output: (out[1] as string).trim() };
  return null;
}

/** The summary line a stage collapses to (the same line the plain printer prints). */
export const stageEndLine = (r: StageResult): string =>
  `slipway: stage ${r.stage} ${r.status} in ${seconds(r.durationMs)} (${r.executed.length} steps run, ${r.cached.length} cached)`;

export const testEndLine = (e: {
  stage: string;
  count: number;
  failed: number;
  durationMs: number;
}): string =>
  `slipway: stage ${e.stage} ${e.failed ? 'failed' : 'passed'} its spec in ${seconds(e.durationMs)} (${e.count} assertions, ${e.failed} failed)`;

/** Applies an event: the new state, and the lines to print for good (above the live lines). */
export function progressStep(
  state: ProgressState,
  e: ProgressEvent,
  now: number,
): { state: ProgressState; lines: string[] } {
  const others = (stage: string) => state.live.filter((l) => l.stage !== stage);
  const update = (stage: string, f: (l: LiveStage) => LiveStage) => ({
    state: { live: state.live.map((l) => (l.stage === stage ? f(l) : l)) },
    lines: [],
  });
  switch (e.type) {
    case 'note':
      return { state, lines: [`slipway: ${e.message}`] };
    case 'diagnostic':
      return { state, lines: [formatDiagnostic(e.diagnostic)] };
    case 'stage-start':
      return {
        state: {
          live: [
            ...others(e.stage),
            {
              stage: e.stage,
              kind: 'build',
              startedAt: now,
              step: null,
              what: `building → ${e.tag}`,
              output: null,
              tests: null,
            },
          ],
        },
        lines: [],
      };
    case 'log': {
      const p = parseBuildkitLine(e.line);
      if (!p) return { state, lines: [] };
      return update(e.stage, (l) =>
        'output' in p ? { ...l, output: p.output } : { ...l, ...p, output: null },
      );
    }
    case 'stage-end':
      return { state: { live: others(e.result.stage) }, lines: [stageEndLine(e.result)] };
    case 'test-start':
      return {
        state: {
          live: [
            ...others(e.stage),
            {
              stage: e.stage,
              kind: 'test',
              startedAt: now,
              step: null,
              what: 'testing',
              output: null,
              tests: { done: 0, total: e.total },
            },
          ],
        },
        lines: [],
      };
    case 'test-progress':
      return update(e.stage, (l) => ({ ...l, tests: { done: e.done, total: e.total } }));
    case 'test-end':
      return {
        state: { live: others(e.stage) },
        lines: [testEndLine(e)],
      };
  }
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const clip = (s: string, w: number) =>
  w <= 0 ? '' : s.length > w ? `${s.slice(0, Math.max(0, w - 1))}…` : s;

/** One line per running stage, each within `width` columns: spinner, stage, step n/m or test count, time. */
export function progressFrame(state: ProgressState, now: number, width = 80): string {
  const pad = Math.min(12, Math.max(0, ...state.live.map((l) => l.stage.length)));
  return state.live
    .map((l) => {
      const spin = SPINNER[Math.floor(now / 100) % SPINNER.length] as string;
      const time = seconds(Math.max(0, now - l.startedAt));
      const doing =
        l.kind === 'test'
          ? `test ${l.tests ? `${l.tests.done}/${l.tests.total}` : ''}`.trim()
          : `${l.step ? `step ${l.step.split(' ')[1]} ` : ''}${l.step && !l.step.startsWith(`${l.stage} `) ? `[${l.step.split(' ')[0]}] ` : ''}${l.what}${l.output ? ` · ${l.output}` : ''}`;
      const head = `${spin} ${l.stage.padEnd(pad)} `;
      const tail = ` ${time}`;
      return `${head}${clip(doing, width - head.length - tail.length)}${tail}`;
    })
    .join('\n');
}
