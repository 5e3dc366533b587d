/**
 * A Dockerfile read into logical instructions exactly as BuildKit's parser reads it (frontend/dockerfile/
 * parser), so two versions can be compared by what BuildKit executes, not by how the file is laid out:
 * - parser directives (`# syntax=`, `# escape=`, `# check=`) only in the leading comment block;
 * - a comment is a line whose first non-blank character is `#` — at the start of an instruction or on any
 *   line inside a continuation, where it is dropped; a `#` anywhere else is text;
 * - the escape character (`\` or the `escape` directive's) at the end of a line, optionally followed by
 *   blanks, continues the instruction; blank lines inside a continuation are dropped;
 * - a heredoc (`<<EOF`, `<<-EOF`, `<<"EOF"` on RUN/COPY/ADD) takes the following lines verbatim, comments
 *   included, up to its terminator.
 * Total: never throws; an unterminated heredoc or continuation simply ends at the end of the file.
 */

export interface LogicalInstruction {
  /** Upper-cased keyword (`RUN`). */
  keyword: string;
  /** 1-based first and last line, heredoc bodies included. */
  line: number;
  endLine: number;
  /** What BuildKit executes: `KEYWORD rest` (continuations joined, comments dropped), then heredoc bodies. */
  text: string;
  /** Leading `--name[=value]` words, quotes removed (BuildKit's extractBuilderFlags). */
  flags: string[];
  /** The arguments after the flags, trimmed. */
  args: string;
  heredocs: { name: string; body: string }[];
}

export interface LogicalDockerfile {
  /** Lower-cased directive names to values. */
  directives: Record<string, string>;
  escape: string;
  instructions: LogicalInstruction[];
}

const DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

const isComment = (line: string) => /^\s*#/.test(line);
const trimNewline = (line: string) => line.replace(/[\r\n]+$/, '');

export function readInstructions(text: string): LogicalDockerfile {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const directives: Record<string, string> = {};
  let n = 0;
  for (; n < lines.length; n++) {
    const m = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(trimNewline(lines[n] as string).trimStart());
    const key = m?.[1]?.toLowerCase();
    if (!m || !key || !DIRECTIVES.has(key) || key in directives) break;
    directives[key] = m[2] as string;
  }
  const esc = directives.escape === '`' ? '`' : '\\';
  const e = esc === '\\' ? '\\\\' : '`';
  const continuation = new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
  const cont = (line: string): [string, boolean] =>
    continuation.test(line) ? [line.replace(continuation, '$1'), false] : [line, true];

  const instructions: LogicalInstruction[] = [];
  for (let i = n; i < lines.length; i++) {
    const first = trimNewline(lines[i] as string).trimStart();
    if (first === '' || isComment(first)) continue;
    const start = i;
    let [buf, done] = cont(first);
    if (done && buf === '') continue;
    while (!done && i + 1 < lines.length) {
      i++;
      const raw = trimNewline(lines[i] as string);
      if (isComment(raw) || raw.trim() === '') continue;
      const [part, end] = cont(raw);
      buf += part;
      done = end;
    }
    const line = buf.trim();
    const space = line.search(/[\t\v\f\r ]/);
    const keyword = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const rest = space < 0 ? '' : line.slice(space).trim();
    const { flags, args } = splitFlags(rest, esc);
    const heredocs: { name: string; body: string }[] = [];
    const trigger = keyword === 'ONBUILD' ? args.split(/\s+/)[0]?.toUpperCase() : keyword;
    if (HEREDOC_KEYWORDS.has(trigger ?? '') && line.includes('<<')) {
      for (const h of heredocNames(line)) {
        const body: string[] = [];
        while (i + 1 < lines.length) {
          i++;
          const raw = trimNewline(lines[i] as string);
          if ((h.chomp ? raw.replace(/^\t+/, '') : raw) === h.name) break;
          body.push(lines[i] as string);
        }
        heredocs.push({ name: h.name, body: body.join('\n') });
      }
    }
    instructions.push({
      keyword,
      line: start + 1,
      endLine: i + 1,
      text: [`${keyword} ${rest}`.trim(), ...heredocs.map((h) => `<<${h.name}\n${h.body}`)].join('\n'),
      flags,
      args,
      heredocs,
    });
  }
  return { directives, escape: esc, instructions };
}

/** The leading `--flag` words of an instruction's arguments and the rest (BuildKit's extractBuilderFlags). */
export function splitFlags(rest: string, esc = '\\'): { flags: string[]; args: string } {
  const flags: string[] = [];
  let pos = 0;
  for (;;) {
    while (pos < rest.length && /\s/.test(rest[pos] as string)) pos++;
    if (!rest.startsWith('--', pos)) break;
    let word = '';
    let quote = '';
    for (; pos < rest.length; pos++) {
      const c = rest[pos] as string;
      if (quote) {
        if (c === quote) quote = '';
        else if (c === esc && pos + 1 < rest.length) word += rest[++pos];
        else word += c;
      } else if (/\s/.test(c)) break;
      else if (c === '"' || c === "'") quote = c;
      else if (c === esc && pos + 1 < rest.length) word += rest[++pos];
      else word += c;
    }
    if (word === '--') break;
    flags.push(word);
  }
  return { flags, args: rest.slice(pos).trim() };
}

/** Heredoc words of a line (`<<EOF`, `<<-EOF`, `<<'EOF'`, `3<<EOF`), in order, quotes removed from names. */
export function heredocNames(line: string): { name: string; chomp: boolean }[] {
  const out: { name: string; chomp: boolean }[] = [];
  for (const m of line.matchAll(/(?:^|\s)\d*<<(-?)\s*(["']?)([^\s"'<]+)\2/g))
    out.push({ name: m[3] as string, chomp: m[1] === '-' });
  return out;
}

/** `[stage index] → its instructions` (FROM first), and the global ones before the first FROM. */
export function instructionsByStage(doc: LogicalDockerfile): {
  globals: LogicalInstruction[];
  stages: LogicalInstruction[][];
} {
  const globals: LogicalInstruction[] = [];
  const stages: LogicalInstruction[][] = [];
  for (const ins of doc.instructions) {
    if (ins.keyword === 'FROM') stages.push([ins]);
    else if (stages.length) (stages[stages.length - 1] as LogicalInstruction[]).push(ins);
    else globals.push(ins);
  }
  return { globals, stages };
}
