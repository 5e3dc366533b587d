import type { DepsSummary, InstructionInfo, StageRef } from './stage.js';

const INSTALLERS: [RegExp, 'packages' | 'tools'][] = [
  [/\b(?:apt-get|apt|aptitude)\s+(?:[^;&|]*\s)?install\s+([^;&|]*)/g, 'packages'],
  [/\bapk\s+(?:[^;&|]*\s)?add\s+([^;&|]*)/g, 'packages'],
  [/\b(?:dnf|yum|microdnf|zypper)\s+(?:[^;&|]*\s)?install\s+([^;&|]*)/g, 'packages'],
  [/\bnpm\s+(?:install|i|add)\s+(?=(?:[^;&|]*\s)?(?:-g|--global)\b)([^;&|]*)/g, 'tools'],
  [
    /\b(?:yarn\s+global\s+add|pnpm\s+(?:add|install)\s+-g|pipx\s+install|gem\s+install|cargo\s+install|go\s+install)\s+([^;&|]*)/g,
    'tools',
  ],
  [/\bpip3?\s+install\s+([^;&|]*)/g, 'tools'],
];

/** The deps summary of a stage: packages installed, global tools, artefacts copied in from other stages. */
export function depsSummary(
  instructions: readonly InstructionInfo[],
  refs: readonly StageRef[],
): DepsSummary {
  const d: DepsSummary = { packages: [], tools: [], artefacts: [] };
  for (const i of instructions) {
    if (i.keyword === 'RUN') {
      const script = (i.json ? i.argv.join(' ') : i.args).replace(/\\\s*\n/g, ' ');
      for (const [re, into] of INSTALLERS) {
        for (const m of script.matchAll(re))
          for (const w of words(m[1] ?? '')) if (!d[into].includes(w)) d[into].push(w);
      }
    } else if ((i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags.from) {
      const ref = refs.find((r) => r.line === i.line && r.via === 'copy');
      const from = ref?.stage ?? ref?.image ?? i.flags.from;
      const sources = i.argv.slice(0, -1);
      for (const s of sources) d.artefacts.push(`${from}:${s}`);
    }
  }
  return d;
}

/** Package words of an install command: no options, no variables, no redirections. */
function words(s: string): string[] {
  return s
    .split(/\s+/)
    .filter(
      (w) =>
        w && !w.startsWith('-') && !w.includes('$') && !/^[<>]/.test(w) && !/^\d*>/.test(w) && w !== '\\',
    )
    .map((w) => w.replace(/^["']|["']$/g, ''))
    .filter((w) => /^[A-Za-z0-9@][A-Za-z0-9@._+:/=~<>*-]*$/.test(w));
}
