import { type HeredocMarker, heredocsInLine } from './heredoc.js';
import { isSpace } from './lex.js';
import { concat, type Located, located, slice } from './located.js';
import { jsonArray, splitInstruction } from './words.js';

/**
 * A Dockerfile cut into logical instructions the way BuildKit's parser reads it (`parser.Parse` in
 * `frontend/dockerfile/parser/parser.go`): parser directives on the first lines, comment lines dropped
 * (inside continuations too), lines ending in the escape character joined with the next non-empty,
 * non-comment line, and heredoc bodies taken from the lines after the instruction.
 */

export interface Heredoc extends HeredocMarker {
  content: string;
  terminated: boolean;
  /** The line that closes it (1-based), or the last line of the file. */
  endLine: number;
}

export interface LogicalLine {
  /** The instruction with its continuation lines joined, as BuildKit sees it. */
  line: Located;
  startLine: number;
  /** Its last line, heredoc bodies included. */
  endLine: number;
  heredocs: Heredoc[];
}

export interface Directive {
  name: string;
  value: string;
  line: number;
}

export interface ReadLines {
  escape: string;
  directives: Directive[];
  lines: LogicalLine[];
  /** Problems BuildKit reports while reading: a bad or repeated directive. */
  problems: { line: number; message: string }[];
  /** The file ends in a line continuation (BuildKit ignores it). */
  danglingContinuation: LogicalLine | null;
}

const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN']);

export function readLines(text: string): ReadLines {
  const raws = rawLines(text);
  const out: ReadLines = {
    escape: '\\',
    directives: [],
    lines: [],
    problems: [],
    danglingContinuation: null,
  };
  const directives = new DirectiveReader(out);
  for (let i = 0; i < raws.length; i++) {
    const first = trimLeft(trimNewline(raws[i] as Located));
    directives.read(first.text, i + 1);
    const startLine = i + 1;
    let [part, ended] = isComment(first.text) ? [slice(first, 0, 0), true] : continuation(first, out.escape);
    if (ended && part.text === '') continue;
    let line = part;
    while (!ended && i + 1 < raws.length) {
      const next = trimNewline(raws[++i] as Located);
      if (isComment(next.text) || isBlank(next.text)) continue;
      [part, ended] = continuation(next, out.escape);
      line = concat(line, part);
    }
    const logical: LogicalLine = { line, startLine, endLine: i + 1, heredocs: [] };
    if (!ended) out.danglingContinuation = logical;
    if (takesHeredocs(line, out.escape)) {
      for (const marker of heredocsInLine(line.text)) {
        const doc: Heredoc = { ...marker, content: '', terminated: false, endLine: raws.length };
        while (i + 1 < raws.length) {
          const raw = (raws[++i] as Located).text;
          let candidate = raw.replace(/[\r\n]+$/, '');
          if (doc.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === doc.name) {
            doc.terminated = true;
            doc.endLine = i + 1;
            break;
          }
          doc.content += raw;
        }
        logical.heredocs.push(doc);
        logical.endLine = doc.endLine;
      }
    }
    out.lines.push(logical);
  }
  return out;
}

/** Lines with their endings (`\n`); no empty last line. A UTF-8 byte-order mark is dropped. */
function rawLines(text: string): Located[] {
  const out: Located[] = [];
  let start = text.startsWith('\ufeff') ? 1 : 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    out.push(located(text.slice(start, end), start));
    start = end;
  }
  return out;
}

function trimNewline(l: Located): Located {
  let b = l.text.length;
  while (b > 0 && (l.text[b - 1] === '\n' || l.text[b - 1] === '\r')) b--;
  return slice(l, 0, b);
}

function trimLeft(l: Located): Located {
  let a = 0;
  while (a < l.text.length && isSpace(l.text[a] as string)) a++;
  return slice(l, a);
}

const isBlank = (s: string) => Array.from(s).every(isSpace);
const isComment = (s: string) => {
  const t = Array.from(s);
  const k = t.findIndex((c) => !isSpace(c));
  return k >= 0 && t[k] === '#';
};

/**
 * BuildKit's line-continuation rule: the escape character, then only blanks, at the end of the line, and
 * not itself escaped (or alone on the line). Returns the line without it, and whether the line ends there.
 */
function continuation(l: Located, esc: string): [Located, boolean] {
  let b = l.text.length;
  while (b > 0 && (l.text[b - 1] === ' ' || l.text[b - 1] === '\t')) b--;
  if (b === 0 || l.text[b - 1] !== esc) return [l, true];
  if (b === 1) return [slice(l, 0, 0), false];
  if (l.text[b - 2] === esc) return [l, true];
  return [slice(l, 0, b - 1), false];
}

/** RUN, COPY and ADD in shell form, directly or as an ONBUILD trigger. */
function takesHeredocs(line: Located, esc: string): boolean {
  if (!line.text.includes('<<')) return false;
  let ins = splitInstruction(line, esc);
  if (ins.keyword.text.toUpperCase() === 'ONBUILD') ins = splitInstruction(ins.rest, esc);
  return HEREDOC_KEYWORDS.has(ins.keyword.text.toUpperCase()) && jsonArray(ins.rest.text) === null;
}

/** `# name=value` lines at the very top: `syntax`, `escape`, `check`, each at most once. */
class DirectiveReader {
  private done = false;
  private readonly seen = new Set<string>();
  constructor(private readonly out: ReadLines) {}
  read(line: string, n: number): void {
    if (this.done) return;
    const m = line.startsWith('#')
      ? /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/.exec(
          line.slice(1).replace(/^\s+/, ''),
        )
      : null;
    const name = m?.[1]?.toLowerCase();
    if (!m || !name || !['syntax', 'escape', 'check'].includes(name)) {
      this.done = true;
      return;
    }
    if (this.seen.has(name)) {
      this.out.problems.push({ line: n, message: `only one ${name} parser directive can be used` });
      return;
    }
    this.seen.add(name);
    const value = m[2] as string;
    this.out.directives.push({ name, value, line: n });
    if (name !== 'escape') return;
    if (value === '`' || value === '\\') this.out.escape = value;
    else
      this.out.problems.push({ line: n, message: `invalid escape token '${value}' does not match \` or \\` });
  }
}
