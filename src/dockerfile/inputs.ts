import type { InstructionInfo, StageInput } from './stage.js';

/**
 * What a stage reads from outside: COPY/ADD sources from the build context (not `--from`, not heredocs),
 * remote ADD (URL or git), and `RUN --mount=type=bind` without `from` (default source: the context root).
 */
export function stageInputs(instructions: readonly InstructionInfo[]): StageInput[] {
  const out: StageInput[] = [];
  for (const i of instructions) {
    if ((i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.from) {
      const words = i.argv.filter((w) => !w.startsWith('<<'));
      const heredoc = i.argv.some((w) => w.startsWith('<<'));
      // Heredoc bodies are inline content: the destination is the only path left.
      const sources = heredoc ? [] : words.slice(0, -1);
      for (const source of sources) {
        const kind =
          i.keyword === 'ADD' && isGit(source)
            ? 'git'
            : i.keyword === 'ADD' && /^https?:\/\//i.test(source)
              ? 'remote'
              : 'context';
        out.push({
          kind,
          source,
          pattern: kind === 'context' ? contextGlob(source) : source,
          via: i.keyword,
          line: i.line,
        });
      }
    } else if (i.keyword === 'RUN') {
      for (const [name, value] of i.allFlags) {
        if (name !== 'mount' || !value) continue;
        const opts = mountOptions(value);
        if ((opts.type ?? 'bind') !== 'bind' || opts.from) continue;
        const source = opts.source ?? opts.src ?? '.';
        out.push({ kind: 'context', source, pattern: contextGlob(source), via: 'RUN --mount', line: i.line });
      }
    }
  }
  return out;
}

function mountOptions(value: string): Record<string, string> {
  const o: Record<string, string> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    o[(eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase()] = eq < 0 ? 'true' : part.slice(eq + 1).trim();
  }
  return o;
}

const isGit = (s: string) => /^git@|^git:\/\/|\.git(#.*)?$|^https?:\/\/[^#]*\.git(#|$)/i.test(s);

/** `./src/` → `src`, `/package*.json` → `package*.json`, `.` → `**`: paths are relative to the context root. */
export function contextGlob(source: string): string {
  const p = source
    .replace(/\\/g, '/')
    .split('/')
    .filter((seg) => seg !== '' && seg !== '.')
    .join('/');
  return p === '' ? '**' : p;
}
