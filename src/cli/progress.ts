import { createLogUpdate } from 'log-update';
import {
  initialProgress,
  type ProgressEvent,
  type ProgressState,
  progressFrame,
  progressStep,
} from '../report/progress.js';

export interface LiveProgress {
  onEvent: (e: ProgressEvent) => void;
  /** Clears the live lines (what is persisted stays) and stops the clock. */
  stop: () => void;
}

/**
 * Live progress on a terminal: one line per running stage (step n/m, the instruction, its last output line,
 * the time), redrawn in place by log-update; a stage that ends collapses to its summary line, printed for
 * good above the live lines. Only for a TTY: the CLI prints plain lines otherwise and under CI.
 */
export function liveProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): LiveProgress {
  const draw = createLogUpdate(stream);
  let state: ProgressState = initialProgress();
  let timer: NodeJS.Timeout | null = null;
  const render = () => {
    if (state.live.length) draw(progressFrame(state, now(), stream.columns ?? 80));
    else draw.clear();
  };
  const clock = () => {
    if (state.live.length && !timer) {
      timer = setInterval(render, 100);
      timer.unref();
    } else if (!state.live.length && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
  return {
    onEvent: (e) => {
      const next = progressStep(state, e, now());
      state = next.state;
      if (next.lines.length) draw.persist(next.lines.join('\n'));
      render();
      clock();
    },
    stop: () => {
      state = initialProgress();
      clock();
      draw.clear();
      draw.done();
    },
  };
}

/** Live lines only on a terminal, and never under CI (`CI` set) where logs are read afterwards. */
export const wantsLive = (io: { isTTY: boolean; errStream?: NodeJS.WriteStream }, env: NodeJS.ProcessEnv) =>
  Boolean(io.isTTY && io.errStream?.isTTY && !env.CI);
