import { join, relative } from 'node:path';
import { CONFIG_FILE, type Config } from '../config/config.js';

/** How `slipway ci github|circleci` was pointed at the project, beyond the config itself. */
export interface Invocation {
  /** The checkout's root (absolute): the repository root, where every job runs. */
  checkout: string;
  /** The Dockerfile given with -f, when it is not the one the config names (absolute); null: the config's. */
  dockerfile: string | null;
  /** The `--build-arg`s given on the command line (the jobs read the config's own `buildArgs` themselves). */
  buildArgs: Readonly<Record<string, string>>;
}

/** The project options every slipway command of a job carries, and the directory its relative paths are in. */
export interface ProjectArgs {
  /** Unquoted words: `-c FILE`, `--cwd DIR`, `-f FILE`, `--build-arg K=V`; none for the defaults. */
  args: string[];
  /** Relative to the checkout: where `.slipway/` lands ('' for the checkout's root; the `--cwd` when given). */
  workdir: string;
}

/**
 * The options that make a command run at the checkout's root see the same project: `-c` unless the config is
 * the root's `slipway.yaml` (without a config, `--cwd` unless the project is the root), `-f` when the
 * Dockerfile is not the config's, and every `--build-arg` given. Paths are relative to where the job's command
 * resolves them: the checkout's root, or the `--cwd` when there is one.
 */
export function projectArgs(config: Pick<Config, 'root' | 'file'>, inv: Invocation): ProjectArgs {
  const rel = (from: string, abs: string) => relative(from, abs).split('\\').join('/') || '.';
  const args: string[] = [];
  let workdir = '';
  if (config.file) {
    if (config.file !== join(inv.checkout, CONFIG_FILE)) args.push('-c', rel(inv.checkout, config.file));
  } else if (config.root !== inv.checkout) {
    workdir = rel(inv.checkout, config.root);
    args.push('--cwd', workdir);
  }
  if (inv.dockerfile) args.push('-f', rel(workdir ? config.root : inv.checkout, inv.dockerfile));
  for (const [k, v] of Object.entries(inv.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  return { args, workdir };
}
