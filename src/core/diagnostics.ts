/** A user-facing problem with a stable code and a location (1-based line and column). */
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Diagnostic {
  code: string;
  file: string;
  range: Range;
  severity: Severity;
  message: string;
}

export const pointRange = (line = 1, column = 1): Range => ({
  start: { line, column },
  end: { line, column },
});

export function diagnostic(
  code: string,
  file: string,
  range: Range,
  message: string,
  severity: Severity = 'error',
): Diagnostic {
  return { code, file, range, severity, message };
}

/** `file:line:col: severity CODE message` — the one text form every command prints. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.code} ${d.message}`;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
