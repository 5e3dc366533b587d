import { SlipwayError, UserError } from '../core/errors.js';
import { planRepository } from '../plan/index.js';
import type { Plan } from '../plan/plan-types.js';
import type { Project } from '../project/project.js';

/**
 * The git plan's view of the working tree, for its reasons: against `base` when given (a bad one is the
 * user's error), else against HEAD. Outside a git repository, or before the first commit, there is no plan:
 * the fingerprints alone decide, and a note says so.
 */
export async function gitPlan(
  p: Project,
  base: string | undefined,
): Promise<{ plan: Plan | null; branch: string | null; note: string | null }> {
  try {
    const { plan, gathered } = await planRepository({
      cwd: p.config.root,
      ...(p.config.file ? { configFile: p.config.file } : {}),
      dockerfile: p.config.dockerfile,
      worktree: true,
      ...(base ? { base } : {}),
    });
    return { plan, branch: await gathered.git.branch().catch(() => null), note: null };
  } catch (e) {
    if (base || !(e instanceof SlipwayError)) throw e;
    return {
      plan: null,
      branch: null,
      note: `no git plan (${e instanceof UserError ? e.message : 'git unavailable'}): the fingerprints decide`,
    };
  }
}
