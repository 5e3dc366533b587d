import { type Env, lex } from './lex.js';

export type { Env } from './lex.js';

export interface Expansion {
  value: string;
  /** BuildKit's error for a word it cannot process (bad substitution, `${X:?}` unset, open quote). */
  error: string | null;
}

/**
 * One word processed as the Dockerfile frontend does for FROM, `--platform`, ARG/ENV/LABEL, COPY/ADD
 * sources (BuildKit's `ProcessWord`): quotes removed, escapes applied, variables expanded. Unset names expand
 * to the empty string, or stay as written with `keepUnset` (for a stage whose base image's environment is
 * not known). See `lex.ts` for the rules.
 */
export function expand(word: string, vars: Env, escapeChar = '\\', keepUnset = false): Expansion {
  const r = lex(word, vars, { escape: escapeChar, skipUnsetEnv: keepUnset });
  return { value: r.value, error: r.error };
}
