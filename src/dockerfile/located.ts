import type { Position, Range } from '../core/diagnostics.js';
import { isSpace } from './lex.js';

/**
 * Text cut out of a Dockerfile that remembers where each character came from: `at[i]` is the source offset
 * of `text[i]`, and `at[text.length]` the offset just after the text. Joining continuation lines and
 * removing quotes keep every fact locatable.
 */
export interface Located {
  text: string;
  at: readonly number[];
}

/** A contiguous piece of the source starting at `start`. */
export function located(text: string, start: number): Located {
  return { text, at: Array.from({ length: text.length + 1 }, (_, i) => start + i) };
}

export function slice(l: Located, from: number, to = l.text.length): Located {
  return { text: l.text.slice(from, to), at: [...l.at.slice(from, to), endOffset(l, from, to)] };
}

function endOffset(l: Located, from: number, to: number): number {
  if (to === l.text.length) return l.at[to] as number;
  return to > from ? (l.at[to - 1] as number) + 1 : (l.at[from] as number);
}

export function concat(a: Located, b: Located): Located {
  if (a.text === '') return b;
  return { text: a.text + b.text, at: [...a.at.slice(0, -1), ...b.at] };
}

/** Builds a Located one character at a time. */
export class LocatedBuilder {
  private text = '';
  private readonly at: number[] = [];
  get length(): number {
    return this.text.length;
  }
  get value(): string {
    return this.text;
  }
  push(c: string, offset: number): void {
    this.text += c;
    for (let i = 0; i < c.length; i++) this.at.push(offset + i);
  }
  build(end: number): Located {
    const last = this.at[this.at.length - 1];
    return { text: this.text, at: [...this.at, last === undefined ? end : last + 1] };
  }
  reset(): void {
    this.text = '';
    this.at.length = 0;
  }
}

/** Go's strings.TrimSpace. */
export function trimSpace(l: Located): Located {
  let a = 0;
  let b = l.text.length;
  while (a < b && isSpace(l.text[a] as string)) a++;
  while (b > a && isSpace(l.text[b - 1] as string)) b--;
  return slice(l, a, b);
}

/** Offsets to 1-based line:column (UTF-16 columns, as editors count). */
export class Positions {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }
  /** Just after the last character of a line (1-based), its line ending excluded. */
  endOfLine(line: number): Position {
    const start = this.starts[line - 1] ?? this.text.length;
    let end = this.starts[line] ?? this.text.length;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return { line, column: end - start + 1 };
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
  /** The source range of `l.text[from, to)`. */
  range(l: Located, from = 0, to = l.text.length): Range {
    return { start: this.position(l.at[from] as number), end: this.position(endOffset(l, from, to)) };
  }
}
