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
