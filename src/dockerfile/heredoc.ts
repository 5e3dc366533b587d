import { lex } from './lex.js';

/**
 * Heredoc markers as BuildKit's parser finds them (`heredocsFromLine`, `ParseHeredoc` in
 * `frontend/dockerfile/parser/parser.go`, dockerfile frontend 1.26): the instruction line is cut into words
 * by the shell lexer with quotes and escapes kept, and a word is a heredoc when it is *all* of
 * `[fd]<<[-][blanks]WORD` with no further `<`. So `"<<EOF"`, `\<<EOF`, `x<<EOF` and `<<EOF<<EOT` are not
 * heredocs. WORD is lexed again: its quotes are removed (`<<"EOF"` ends at a line `EOF`), and any quote
 * means the body is not expanded. `<<-` strips leading tabs before comparing with the terminator.
 *
 * Only RUN, COPY and ADD in shell form (and them as ONBUILD triggers) take heredocs; the caller checks that.
 * Blanks between `<<` and the word are allowed since dockerfile 1.16.
 */

export interface HeredocMarker {
  /** The word as it appears on the line (`<<-"EOF"`). */
  word: string;
  /** The terminator line. */
  name: string;
  /** `<<-`: leading tabs are stripped. */
  chomp: boolean;
  /** No quote in the word: the body is expanded. */
  expand: boolean;
  fd: number;
}

const NONE = new Map<string, string | null>();

export function heredocsInLine(line: string): HeredocMarker[] {
  if (!line.includes('<<')) return [];
  const { words } = lex(line, NONE, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  return words.map(parseHeredoc).filter((h): h is HeredocMarker => h !== null);
}

/** One word: a heredoc marker, or null. */
export function parseHeredoc(word: string): HeredocMarker | null {
  const m = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/.exec(word);
  const rest = m?.[3];
  if (!m || !rest) return null;
  const plain = lex(rest, NONE, { skipUnsetEnv: true });
  if (plain.error !== null || plain.words.length !== 1) return null;
  const raw = lex(rest, NONE, { skipUnsetEnv: true, rawQuotes: true });
  if (raw.error !== null || raw.words.length !== 1) return null;
  const name = plain.words[0] as string;
  const quotes = (s: string) => s.replace(/[^'"]/g, '').length;
  return {
    word,
    name,
    chomp: m[2] === '-',
    expand: quotes(name) === quotes(raw.words[0] as string),
    fd: m[1] ? Number(m[1]) : 0,
  };
}
