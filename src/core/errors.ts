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

/** File-system failures on a path the user named (a file where a directory must be, a missing parent...). */
const PATH_ERRORS: Readonly<Record<string, string>> = {
  EEXIST: 'a file is in the way',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  ENAMETOOLONG: 'the name is too long',
};
/** ...and failures of the machine itself (permissions, a read-only or full disk). */
const MACHINE_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
};

/**
 * A failed file-system call (reading or writing a path: `--out`, `--junit-dir`, `-c`...) as a located user
 * error (the path cannot be used: exit 2) or an environment error (the machine refuses: exit 3); null for
 * anything else, and for engine socket errors (asEnvironmentError words those).
 */
export function asFileSystemError(e: unknown): SlipwayError | null {
  if (!(e instanceof Error) || e instanceof SlipwayError) return null;
  const x = e as Error & { code?: unknown; syscall?: unknown; path?: unknown };
  if (typeof x.code !== 'string' || typeof x.path !== 'string' || x.syscall === 'connect') return null;
  const verb = x.syscall === 'open' || x.syscall === 'write' ? 'use' : String(x.syscall ?? 'use');
  const pathReason = PATH_ERRORS[x.code];
  if (pathReason)
    return new UserError(`cannot ${verb} ${x.path}: ${pathReason} (${x.code})`, {
      hint: 'check the path given on the command line or in slipway.yaml',
    });
  const machineReason = MACHINE_ERRORS[x.code];
  if (machineReason) return new EnvironmentError(`cannot ${verb} ${x.path}: ${machineReason} (${x.code})`);
  return null;
}
