import type Docker from 'dockerode';
import type { HelperProvider } from '../check/helper-image.js';
import { loadSpecs, specFileOf } from '../check/specs.js';
import type { RunRecord } from '../history/record.js';
import { loadHistory } from '../history/store.js';
import { requireImages } from '../plan/plan.js';
import type { Plan } from '../plan/plan-types.js';
import type { Project } from '../project/project.js';
import {
  type BuildDeps,
  type BuildOptions,
  type BuildSession,
  openBuildSession,
} from '../stages/build-stages.js';
import { gitPlan } from './git-plan.js';
import { imagesByFingerprint } from './images.js';

/** What the gathering takes of the pipeline's options. */
export interface GatherOptions extends BuildOptions {
  strictSpecs?: boolean;
  /** The revision the git plan's reasons are given against (default: the working tree against HEAD). */
  base?: string;
  /** No git plan: every stage is a candidate, fingerprints alone decide. */
  all?: boolean;
  /** Rebuild and retest everything, whatever the fingerprints and the history say. */
  force?: boolean;
}

/** Everything the pipeline decides from, gathered once: the thin layer over files, git and the engine. */
export interface PipelineInputs {
  stages: string[];
  /** Each stage's spec file, for the stages that have one (validated before anything is built). */
  specFiles: Map<string, string>;
  /** The warnings that check gave, as JSON (the load with a stage's environment adds what it left). */
  specWarnings: Set<string>;
  session: BuildSession;
  planned: Awaited<ReturnType<typeof gitPlan>>;
  /** The git plan with `build` for every stage whose fingerprint has no image (null: no git plan). */
  plan: Plan | null;
  /** Images slipway built, by the fingerprint they carry. */
  existing: Map<string, { id: string; sizeBytes: number }>;
  history: RunRecord[];
}

export async function gatherInputs(
  p: Project,
  deps: BuildDeps & { docker: Docker; session: string; helper: HelperProvider },
  opts: GatherOptions,
): Promise<PipelineInputs> {
  const note = (message: string) => deps.onEvent({ type: 'note', message });
  const specFiles = new Map(
    p.model.stages.flatMap((s) => {
      const f = specFileOf(p.config.root, p.config.specs, s.key);
      return f ? [[s.key, f] as const] : [];
    }),
  );
  // Every spec is read and validated before anything is built: a typo fails in a second, not after the build.
  const { warnings } = loadSpecs([...specFiles.values()], p.config.root, {
    strict: Boolean(opts.strictSpecs),
  });
  for (const d of warnings) deps.onEvent({ type: 'diagnostic', diagnostic: d });
  const specWarnings = new Set(warnings.map((d) => JSON.stringify(d)));

  const stages = p.model.stages.map((s) => s.key);
  const [planned, session] = await Promise.all([
    opts.all ? Promise.resolve({ plan: null, branch: null, note: null }) : gitPlan(p, opts.base),
    openBuildSession(p, stages, deps, opts),
  ]);
  const existing = await imagesByFingerprint(deps.docker);
  const fpOf = (stage: string) => session.fingerprints.get(stage)?.fingerprint ?? null;
  const missing = stages
    .filter((s) => opts.force || !existing.has(fpOf(s) ?? ''))
    .map((s) => ({ stage: s, fingerprint: fpOf(s) }));
  const plan = planned.plan ? requireImages(planned.plan, p.model, missing) : null;
  if (planned.note) note(planned.note);
  const history = loadHistory(p.config.root);
  return { stages, specFiles, specWarnings, session, planned, plan, existing, history };
}
