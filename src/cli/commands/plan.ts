import { planRepository } from '../../plan/index.js';
import { PLAN_FORMATS, type PlanFormat } from '../../report/plan/index.js';
import { cwdOf, oneOf, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export const planHelp = `slipway plan [--base REF] [--head REF | --worktree] [--format text|json|markdown] [options]

Which stages a change affects: build (rebuilt), test (only its spec changed) or skip, each with its
reasons, from the changed files between two revisions and the stage model (docs/plan.md).

  --base REF        compare with REF as given (default: SLIPWAY_BASE, what the CI gives, else the
                    merge-base of HEAD with the default branch; HEAD with --worktree)
  --head REF        the revision to plan (default HEAD)
  --worktree        plan the working tree (untracked files included) instead of a commit
  --format F        text (default: one line per stage), json (the documented plan), markdown
  -f, --file FILE / -c, --config FILE / --cwd DIR`;

export async function planCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    worktree: { type: 'boolean' },
  });
  if (values.help) {
    io.out(planHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, Object.keys(PLAN_FORMATS) as PlanFormat[], 'text', '--format');
  const { plan } = await planRepository({
    cwd: cwdOf(values),
    configFile: values.config,
    dockerfile: values.file,
    base: values.base,
    head: values.head,
    worktree: values.worktree,
  });
  if (!values.quiet) {
    const head = plan.worktree ? 'the working tree' : plan.head.slice(0, 12);
    io.err(
      `plan: ${plan.base ? `${plan.base.slice(0, 12)} (${plan.baseSource})` : 'no base'} .. ${head}, ${plan.changedFiles} changed file${plan.changedFiles === 1 ? '' : 's'}`,
    );
    if (plan.fallback)
      io.err(
        `plan: every stage is planned: ${plan.fallback.reason}${plan.fallback.hint ? `\n  hint: ${plan.fallback.hint}` : ''}`,
      );
  }
  io.out(PLAN_FORMATS[format](plan));
  return EXIT.ok;
}
