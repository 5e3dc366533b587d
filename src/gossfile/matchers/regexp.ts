/**
 * Go regular expressions, as goss compiles them (Go's `regexp`, RE2 syntax), through re2js: a pure-JS port of
 * RE2 with Go's semantics, so what Go accepts is accepted and means the same — flag groups anywhere
 * (`a(?i)b`, `(?U)` ungreedy), `\A`, `\z`, `\Q...\E`, POSIX classes (`[[:alpha:]]`), Unicode classes (`\pL`,
 * `\p{Greek}`), `$` only at the end of the text unless `(?m)` — and what Go rejects (backreferences,
 * lookaround, `\y`) fails with Go's own text: "error parsing regexp: invalid escape sequence: `\y`".
 * Each source is compiled once.
 */
import { RE2JS } from 're2js';

export interface GoRegexp {
  /** Go `MatchString`: a match anywhere in `s`. */
  test(s: string): boolean;
  /** The leftmost match with its groups (numbered, and `groups` by name), shaped as JavaScript's `exec`. */
  exec(s: string): RegExpExecArray | null;
  /** Every match replaced; the replacement reads `$1`, `$<name>`, `$&` and `$$` as String.replace does. */
  replaceAll(s: string, replacement: string): string;
}

export type CompiledRegexp = { ok: true; re: GoRegexp } | { ok: false; error: string };

const cache = new Map<string, CompiledRegexp>();

export function compileGoRegexp(source: string): CompiledRegexp {
  const hit = cache.get(source);
  if (hit) return hit;
  let res: CompiledRegexp;
  try {
    const re = RE2JS.compile(source);
    res = {
      ok: true,
      re: {
        test: (s) => re.test(s),
        exec: (s) => re.exec(s) as RegExpExecArray | null,
        replaceAll: (s, replacement) => re.matcher(s).replaceAll(replacement),
      },
    };
  } catch (e) {
    res = { ok: false, error: (e as Error).message };
  }
  if (cache.size > 500) cache.clear();
  cache.set(source, res);
  return res;
}
