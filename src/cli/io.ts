import { type Diagnostic, formatDiagnostic } from '../core/diagnostics.js';

/** Where commands write: stdout for results, stderr for progress and problems. Injected for tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

export const processIo = (): Io => ({
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  isTTY: Boolean(process.stdout.isTTY),
});

export const printDiagnostics = (io: Io, ds: readonly Diagnostic[]) => {
  for (const d of ds) io.err(formatDiagnostic(d));
};
