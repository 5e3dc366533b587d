import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../core/errors.js';

/** Options every command accepts. */
export const COMMON = {
  cwd: { type: 'string' },
  config: { type: 'string', short: 'c' },
  file: { type: 'string', short: 'f' },
  format: { type: 'string' },
  debug: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

type Parsed<S extends Spec> = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof COMMON & S; allowPositionals: true; strict: true }>
>;

export function parse<S extends Spec>(argv: string[], spec: S): Parsed<S> {
  try {
    return parseArgs({ args: argv, options: { ...COMMON, ...spec }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''), {
      hint: 'see slipway --help',
    });
  }
}

/** `--build-arg K=V` (repeatable) into a record. */
export function keyValues(list: readonly string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UserError(`${flag} expects NAME=VALUE, got '${kv}'`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  flag: string,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UserError(`${flag} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}

/** The repository a command works on: `--cwd`, else the current directory. */
export const cwdOf = (v: { cwd?: string | undefined }) => resolve(v.cwd ?? process.cwd());
