import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import dockerignore, { type Ignore } from '@balena/dockerignore';

// A CommonJS module whose typings declare an ES default export: under NodeNext the callable is `.default`.
const ignore = dockerignore.default;

export interface IgnoreRules {
  /** The ignore file in force, or null when there is none. */
  file: string | null;
  patterns: string[];
  matcher: Ignore;
  /** Any `!pattern`: an ignored directory may have files re-included, so it cannot be skipped whole. */
  hasNegations: boolean;
}

/**
 * The ignore rules BuildKit applies: `<Dockerfile>.dockerignore` next to the Dockerfile wins (even if empty);
 * else `.dockerignore` at the context root; else none.
 */
export function loadIgnoreRules(dockerfile: string, context: string): IgnoreRules {
  const specific = `${dockerfile}.dockerignore`;
  const file = existsSync(specific)
    ? specific
    : existsSync(join(context, '.dockerignore'))
      ? join(context, '.dockerignore')
      : null;
  const patterns = file ? parseIgnoreFile(readFileSync(file, 'utf8')) : [];
  return {
    file: file ? relative(context, file) || file : null,
    patterns,
    matcher: ignore().add(patterns),
    hasNegations: patterns.some((p) => p.startsWith('!')),
  };
}

/** Lines of a .dockerignore: comments (`#` at the start) and blank lines dropped, whitespace trimmed. */
export const parseIgnoreFile = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
