import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Invocation } from '../ci/invocation.js';
import type { Project } from '../project/project.js';

/**
 * The checkout a directory is in: the nearest directory up from it that holds `.git` (a directory, or the file
 * of a worktree); outside a repository, the directory itself.
 */
export function checkoutOf(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return dir;
  }
}

/** How the CI's jobs must be pointed at this project: its checkout, and what the command line gave. */
export const invocationOf = (p: Project): Invocation => ({
  checkout: checkoutOf(p.config.root),
  dockerfile: p.given.dockerfile,
  buildArgs: p.given.buildArgs,
});
