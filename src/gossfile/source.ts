/**
 * Positions in a gossfile. Templates render before YAML is parsed, so YAML offsets are offsets into the
 * rendered text; a `SourceMap` takes them back to the file as written. Text copied from the file maps
 * character for character; text an action produced maps to that action (`{{ ... }}`).
 */
import type { Range } from '../core/diagnostics.js';

export interface Segment {
  /** Offsets in the rendered text. */
  outStart: number;
  outEnd: number;
  /** Offsets in the source; for copied text the same length, for action output the whole action. */
  srcStart: number;
  srcEnd: number;
  copied: boolean;
}

export class SourceMap {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly source: string,
    private readonly segments: readonly Segment[] = [
      { outStart: 0, outEnd: source.length, srcStart: 0, srcEnd: source.length, copied: true },
    ],
  ) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of a source offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 };
  }

  /** A source range from source offsets. */
  sourceRange(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Source offset of a rendered offset; `end` picks the end of an action rather than its start. */
  toSource(out: number, end = false): number {
    let seg: Segment | undefined;
    for (const s of this.segments) {
      if (end ? out <= s.outStart && seg : out < s.outStart) break;
      seg = s;
      if (end ? out <= s.outEnd : out < s.outEnd) break;
    }
    if (!seg) return 0;
    if (seg.copied) return Math.min(seg.srcStart + (out - seg.outStart), seg.srcEnd);
    return end ? seg.srcEnd : seg.srcStart;
  }

  /** A source range from offsets in the rendered text. */
  range(outStart: number, outEnd: number): Range {
    const s = this.toSource(outStart);
    let e = Math.max(s, this.toSource(outEnd, true));
    while (e > s && /\s/.test(this.source[e - 1] as string)) e--;
    return this.sourceRange(s, e);
  }
}
