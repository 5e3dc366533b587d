import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { REPO } from '../helpers/cli.js';

async function help(words: readonly string[]): Promise<string> {
  let text = '';
  const io: Io = { out: (t) => (text += `${t}\n`), err: (t) => (text += `${t}\n`), isTTY: false };
  expect(await main([...words, '--help'], io)).toBe(0);
  return text;
}

/** The flags of a text: `--long` and `-s`, not the words of a hyphenated name nor `dot -Tsvg`. */
const flagsIn = (text: string): string[] => [
  ...new Set([...text.matchAll(/(?<![\w-])(?:--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])/g)].map((m) => m[0])),
];

/**
 * The flags a command's --help offers: its usage lines and its indented option paragraphs. Not its prose (the
 * description, lint's rules) where flags of Dockerfile instructions appear (`COPY --from`, `RUN --mount`).
 */
function offered(helpText: string): string[] {
  const paragraphs = helpText.split(/\n\s*\n/);
  const usage = paragraphs[0]?.split('\n').filter((l) => l.startsWith('slipway ')) ?? [];
  const options = paragraphs.filter((p) => /^\s/.test(p));
  return flagsIn([...usage, ...options].join('\n'));
}

const doc = readFileSync(join(REPO, 'docs/cli.md'), 'utf8');
const sections = doc
  .split(/^## /m)
  .slice(1)
  .map((s) => ({ head: s.slice(0, s.indexOf('\n')), text: s }));
const common = flagsIn(sections.find((s) => s.head.startsWith('Options every command'))?.text ?? '');

/** The sections of docs/cli.md a command is under: its heading names it (`ci github|circleci` names both). */
const sectionsOf = (words: readonly string[]) =>
  sections.filter((s) => {
    const head = /^`slipway ([^`]*)`/.exec(s.head)?.[1]?.split(' ') ?? [];
    return words.every((w, i) => head[i]?.split('|').includes(w));
  });

/** Every command of `slipway --help`, and the subcommands of `slipway ci --help`. */
async function commands(): Promise<string[][]> {
  const listed = (text: string, title: string) =>
    [...(text.split(`${title}:\n`)[1]?.split('\n\n')[0] ?? '').matchAll(/^ {2}([a-z]+) /gm)].map(
      (m) => m[1] as string,
    );
  const out: string[][] = [];
  for (const c of listed(await help([]), 'commands'))
    if (c === 'ci') for (const s of listed(await help(['ci']), 'subcommands')) out.push(['ci', s]);
    else out.push([c]);
  return out;
}

/** Flags docs/cli.md names that are not slipway's own: BuildKit's `--target`, as build uses it. */
const OTHER_TOOLS = ['--target'];

describe('docs/cli.md and each command’s --help', () => {
  it('every flag a --help offers is documented under its command, and the page names no flag a command lacks', async () => {
    const all = await commands();
    expect(all.length).toBeGreaterThan(15);
    const undocumented: string[] = [];
    const unknown: string[] = [];
    for (const words of all) {
      const name = words.join(' ');
      const under = sectionsOf(words);
      expect(under.length, `no section of docs/cli.md is headed \`slipway ${name} …\``).toBeGreaterThan(0);
      const documented = new Set([...common, ...flagsIn(under.map((s) => s.text).join('\n'))]);
      const h = await help(words);
      const inHelp = new Set([...common, ...flagsIn(h)]);
      for (const f of offered(h)) if (!documented.has(f)) undocumented.push(`${name} ${f}`);
      for (const s of under)
        for (const f of flagsIn(s.text))
          if (!inHelp.has(f) && !OTHER_TOOLS.includes(f)) unknown.push(`${name} ${f}`);
    }
    expect(undocumented, 'in --help, not in docs/cli.md under the command').toEqual([]);
    expect(unknown, 'in docs/cli.md under the command, not in its --help').toEqual([]);
  });
});
