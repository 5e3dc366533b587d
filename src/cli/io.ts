import { type Diagnostic, formatDiagnostic } from '../core/diagnostics.js';

/** Where commands write: stdout for results, stderr for progress and problems. Injected for tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  /** The stream behind `err`, for live progress lines drawn in place (cli/progress.ts); absent in tests. */
  errStream?: NodeJS.WriteStream;
}

/**
 * The process's streams. A reader that goes away (`slipway graph | head`) ends the output quietly: EPIPE is
 * caught, later writes are dropped, and the command finishes (and cleans up) as it would have.
 */
export const processIo = (): Io => {
  const out = quietOnClose(process.stdout);
  const err = quietOnClose(process.stderr);
  return {
    out: (t) => out(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => err(t.endsWith('\n') ? t : `${t}\n`),
    isTTY: Boolean(process.stdout.isTTY),
    errStream: process.stderr,
  };
};

const guarded = new WeakMap<NodeJS.WriteStream, { closed: boolean }>();

function quietOnClose(stream: NodeJS.WriteStream): (text: string) => void {
  let state = guarded.get(stream);
  if (!state) {
    const s = { closed: false };
    state = s;
    guarded.set(stream, s);
    // EPIPE (the reader is gone) or any other write failure: the stream cannot take more.
    stream.on('error', () => {
      s.closed = true;
    });
  }
  const s = state;
  return (text) => {
    if (!s.closed) stream.write(text);
  };
}

export const printDiagnostics = (io: Io, ds: readonly Diagnostic[]) => {
  for (const d of ds) io.err(formatDiagnostic(d));
};
