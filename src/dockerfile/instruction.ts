import type { Heredoc, LogicalLine } from './lines.js';
import { type Located, slice } from './located.js';
import type { InstructionInfo } from './stage.js';
import type { SplitInstruction } from './words.js';

/** A `--name[=value]` flag as BuildKit's flag parser reads it. */
export interface Flag {
  name: string;
  value: Located | null;
  word: Located;
}

export function parseFlags(words: readonly Located[]): Flag[] {
  return words.map((word) => {
    const body = slice(word, word.text.startsWith('--') ? 2 : 0);
    const eq = body.text.indexOf('=');
    return eq < 0
      ? { name: body.text, value: null, word }
      : { name: body.text.slice(0, eq), value: slice(body, eq + 1), word };
  });
}

export interface InfoParts {
  argv: string[];
  json: boolean;
  properties?: [string, string | null][];
  trigger?: string | null;
}

/** The model's summary of one instruction. Heredoc bodies follow the arguments, as BuildKit prints them. */
export function instructionInfo(
  l: LogicalLine,
  split: SplitInstruction,
  flags: readonly Flag[],
  parts: InfoParts,
): InstructionInfo {
  const allFlags: [string, string | null][] = flags.map((f) => [f.name, f.value?.text ?? null]);
  return {
    keyword: split.keyword.text.toUpperCase(),
    line: l.startLine,
    endLine: l.endLine,
    args: split.rest.text + l.heredocs.map(body).join(''),
    argv: parts.argv,
    json: parts.json,
    flags: Object.fromEntries(allFlags),
    allFlags,
    properties: parts.properties ?? [],
    trigger: parts.trigger ?? null,
  };
}

const body = (h: Heredoc) => `\n${h.content}${h.terminated ? h.name : ''}`;
