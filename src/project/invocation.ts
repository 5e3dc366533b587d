import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Invocation } from '../ci/invocation.js';
import type { Project } from './project.js';

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

/**
 * How commands run from `at` must be pointed at this project: what the command line gave. `at` is where the
 * generated commands run: the checkout's root for the CI's jobs (the default); the directory of package.json,
 * the project's root, for its npm scripts.
 */
export const invocationOf = (p: Project, at: string = checkoutOf(p.config.root)): Invocation => ({
  checkout: at,
  dockerfile: p.given.dockerfile,
  buildArgs: p.given.buildArgs,
});
