import type { Diagnostic } from './diagnostics.js';

/**
 * Typed errors. Only the CLI entry turns them into exit codes (see cli/exit-codes.ts).
 * - UserError: the input is wrong (config, Dockerfile, arguments); carries located diagnostics when it can.
 * - EnvironmentError: the machine lacks something (engine, BuildKit client, base image recipe).
 * Anything else reaching the CLI is an internal error.
 */
export class SlipwayError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

export class UserError extends SlipwayError {
  readonly diagnostics: readonly Diagnostic[];
  constructor(message: string, opts: { diagnostics?: readonly Diagnostic[]; hint?: string } = {}) {
    super(message, opts.hint);
    this.diagnostics = opts.diagnostics ?? [];
  }
}

export class EnvironmentError extends SlipwayError {}

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'EPIPE',
  'ETIMEDOUT',
  'EACCES',
  'EHOSTUNREACH',
]);

/**
 * An error from the Docker engine (an Engine API answer with an HTTP status, or its socket failing) as the
 * environment problem it is; null for anything else (a bug stays a bug).
 */
export function asEnvironmentError(e: unknown): EnvironmentError | null {
  if (!(e instanceof Error) || e instanceof SlipwayError) return null;
  const x = e as Error & { statusCode?: unknown; code?: unknown; syscall?: unknown; address?: unknown };
  const engineAnswer = typeof x.statusCode === 'number' && x.statusCode >= 400;
  const socket = typeof x.code === 'string' && SOCKET_ERRORS.has(x.code) && x.syscall === 'connect';
  if (!engineAnswer && !socket) return null;
  const message = e.message.replace(/^\(HTTP code \d+\) [a-z ]+- /, '').trim();
  return new EnvironmentError(
    `the Docker engine ${socket ? 'could not be reached' : 'refused a request'}: ${message}`,
    'check that the engine runs and answers (docker info); rerun with --debug for the details',
  );
}
