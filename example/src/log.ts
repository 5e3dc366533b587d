export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LineSink {
  write(line: string): unknown;
}

/** A logger writing one JSON object per line: {"time","level","msg",...fields}. */
export function createJsonLogger(sink: LineSink, now: () => Date = () => new Date()): Logger {
  const log = (level: LogLevel, msg: string, fields?: LogFields): void => {
    const entry = { time: now().toISOString(), level, msg, ...fields };
    sink.write(`${JSON.stringify(entry, replaceErrors)}\n`);
  };
  return {
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
  };
}

/** Discards everything; for tests and embedding. */
export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Errors have no enumerable properties, so JSON.stringify would print them as {}. */
function replaceErrors(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const { code } = value as { code?: unknown };
    return { name: value.name, message: value.message, code, stack: value.stack };
  }
  return value;
}
