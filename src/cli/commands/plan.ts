import { UserError } from '../../core/errors.js';
import { externalImages } from '../../dockerfile/graph.js';
import { imageIdentities } from '../../engine/images.js';
import { imagesByFingerprint } from '../../pipeline/images.js';
import { type Plan, planRepository, requireImages } from '../../plan/index.js';
import { projectFingerprints } from '../../plan/on-disk.js';
import { openProject } from '../../project/project.js';
import { PLAN_FORMATS, type PlanFormat } from '../../report/plan/index.js';
import { cwdOf, oneOf, parse } from '../args.js';
import { engineSession } from '../engine-context.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export const planHelp = `slipway plan [--base REF] [--head REF | --worktree] [--format text|json|markdown] [options]

Which stages a change affects: build (rebuilt), test (only its spec changed) or skip, each with its
reasons, from the changed files between two revisions and the stage model (docs/plan.md).

  --base REF        compare with REF as given (default: SLIPWAY_BASE, what the CI gives, else the
                    merge-base of HEAD with the default branch; HEAD with --worktree)
  --head REF        the revision to plan (default HEAD)
  --worktree        plan the working tree (untracked files included) instead of a commit
  --images          also build every stage whose fingerprint (over the working tree) has no image in the
                    engine, with that reason (needs the engine; not with --head)
  --format F        text (default: one line per stage), json (the documented plan), markdown
  -f, --file FILE / -c, --config FILE / --cwd DIR`;

export async function planCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    worktree: { type: 'boolean' },
    images: { type: 'boolean' },
  });
  if (values.help) {
    io.out(planHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, Object.keys(PLAN_FORMATS) as PlanFormat[], 'text', '--format');
  if (values.images && values.head)
    throw new UserError('--images checks the working tree’s fingerprints: it does not go with --head', {
      hint: 'check out the revision, then plan with --images',
    });
  const { plan: planned } = await planRepository({
    cwd: cwdOf(values),
    configFile: values.config,
    dockerfile: values.file,
    base: values.base,
    head: values.head,
    worktree: values.worktree,
  });
  const plan = values.images ? await withImages(planned, cwdOf(values), values, io) : planned;
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

/** The plan, plus `build` for every stage whose fingerprint has no image in the engine (reason `no-image`). */
async function withImages(
  plan: Plan,
  cwd: string,
  values: { config?: string | undefined; file?: string | undefined },
  io: Io,
): Promise<Plan> {
  const project = openProject(cwd, {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
  });
  const { docker } = await engineSession(io);
  const refs = externalImages(
    project.model,
    project.model.stages.map((s) => s.key),
  );
  // Known as the build knows them (the registry digest of a pulled image), or no fingerprint would match.
  const ids = await imageIdentities(docker, refs);
  const [fingerprints, existing] = await Promise.all([
    projectFingerprints(project, ids),
    imagesByFingerprint(docker),
  ]);
  const missing = [...fingerprints.values()]
    .filter((f) => !f.fingerprint || !existing.has(f.fingerprint))
    .map((f) => ({ stage: f.stage, fingerprint: f.fingerprint }));
  return requireImages(plan, project.model, missing);
}
