/**
 * The argument and flag rules BuildKit's `instructions.Parse` applies to every instruction before any target
 * is chosen (so a violation fails every build): how many arguments each instruction takes, which `--flags`
 * it knows and of what type (BFlags), and the values `RUN --mount type=`, `--network` and `--security` may
 * take. Pure: returns the problems, each located on the word that causes it (or null: the instruction).
 */
import type { Flag } from './instruction.js';
import type { Located } from './located.js';
import { csvFields, keyValue } from './words.js';

type FlagType = 'bool' | 'string' | 'strings';

/** The flags each instruction declares (instructions/parse.go and its RUN hooks); absent: flags not parsed. */
const FLAGS: Readonly<Record<string, Readonly<Record<string, FlagType>>>> = {
  ADD: {
    chown: 'string',
    chmod: 'string',
    link: 'bool',
    'keep-git-dir': 'bool',
    checksum: 'string',
    unpack: 'bool',
    exclude: 'strings',
  },
  COPY: {
    chown: 'string',
    from: 'string',
    chmod: 'string',
    link: 'bool',
    exclude: 'strings',
    parents: 'bool',
  },
  FROM: { platform: 'string' },
  RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  HEALTHCHECK: {
    interval: 'string',
    timeout: 'string',
    'start-period': 'string',
    'start-interval': 'string',
    retries: 'string',
  },
  // These parse flags but declare none: any flag is unknown. (ARG and STOPSIGNAL never parse theirs.)
  ENV: {},
  LABEL: {},
  MAINTAINER: {},
  ONBUILD: {},
  WORKDIR: {},
  CMD: {},
  ENTRYPOINT: {},
  EXPOSE: {},
  USER: {},
  VOLUME: {},
  SHELL: {},
};

/** How many arguments: at least one, exactly one (a single-string instruction: not empty), or source + dest. */
const ARGS: Readonly<Record<string, 'one+' | 'one' | 'two+'>> = {
  ARG: 'one+',
  EXPOSE: 'one+',
  VOLUME: 'one+',
  ONBUILD: 'one+',
  HEALTHCHECK: 'one+',
  SHELL: 'one+',
  WORKDIR: 'one',
  USER: 'one',
  STOPSIGNAL: 'one',
  MAINTAINER: 'one',
  COPY: 'two+',
  ADD: 'two+',
};

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const NETWORKS = ['default', 'none', 'host'];
const SECURITY = ['insecure', 'sandbox'];

export interface InstructionProblem {
  at: Located | null;
  message: string;
}

/**
 * `keyword` upper-case; `args` the instruction's arguments as BuildKit counts them (JSON elements or
 * whitespace-separated words; for single-string instructions, any non-empty rest is one).
 */
export function instructionProblems(
  keyword: string,
  flags: readonly Flag[],
  args: readonly unknown[],
): InstructionProblem[] {
  const out: InstructionProblem[] = [];
  const rule = ARGS[keyword];
  if (rule === 'two+' && args.length < 2)
    out.push({
      at: null,
      message: `${keyword} requires at least two arguments, but only ${args.length === 1 ? 'one was' : 'none were'} provided: expected ${keyword} SOURCE... DEST`,
    });
  else if (rule === 'one' && args.length === 0)
    out.push({ at: null, message: `${keyword} requires exactly one argument` });
  else if (rule === 'one+' && args.length === 0)
    out.push({ at: null, message: `${keyword} requires at least one argument` });

  const declared = FLAGS[keyword];
  if (!declared) return out;
  const used = new Set<string>();
  for (const f of flags) {
    const problem = flagProblem(f, declared, used);
    if (problem) {
      out.push({ at: f.word, message: problem });
      break; // BFlags.Parse stops at the first
    }
    if (f.value) out.push(...valueProblems(keyword, f));
  }
  return out;
}

function flagProblem(
  f: Flag,
  declared: Readonly<Record<string, FlagType>>,
  used: Set<string>,
): string | null {
  const type = declared[f.name];
  const known = Object.keys(declared);
  if (!type)
    return `unknown flag: --${f.name}${known.length ? ` (expected one of ${known.map((k) => `--${k}`).join(', ')})` : ': this instruction takes no flags'}`;
  if (used.has(f.name) && type !== 'strings') return `duplicate flag specified: --${f.name}`;
  used.add(f.name);
  if (type === 'bool') {
    if (f.value && f.value.text === '') return `missing a value on flag: --${f.name}`;
    if (f.value && !['true', 'false', ''].includes(f.value.text.toLowerCase()))
      return `expecting boolean value for flag --${f.name}, not: ${f.value.text}`;
  } else if (!f.value) return `missing a value on flag: --${f.name}`;
  return null;
}

function valueProblems(keyword: string, f: Flag): InstructionProblem[] {
  const value = f.value as Located;
  if (keyword !== 'RUN') return [];
  if (f.name === 'network' && !NETWORKS.includes(value.text))
    return [{ at: value, message: `invalid network mode "${value.text}": expected ${NETWORKS.join(', ')}` }];
  if (f.name === 'security' && !SECURITY.includes(value.text))
    return [{ at: value, message: `security "${value.text}" is not valid: expected ${SECURITY.join(', ')}` }];
  if (f.name !== 'mount') return [];
  for (const field of csvFields(value)) {
    const { key, value: v } = keyValue(field);
    if (key.text.toLowerCase() === 'type' && v && !MOUNT_TYPES.includes(v.text.toLowerCase()))
      return [{ at: v, message: `unsupported mount type "${v.text}": expected ${MOUNT_TYPES.join(', ')}` }];
  }
  return [];
}
