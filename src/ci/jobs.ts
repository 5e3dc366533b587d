import { UserError } from '../core/errors.js';
import type { DockerfileModel, Stage } from '../dockerfile/stage.js';

/** One CI job per named stage; an unnamed stage is built inside the jobs of the stages that need it. */
export interface StageJob {
  /** The stage's key (its lower-cased name): what `slipway ci job` and the plan call it. */
  stage: string;
  /** The job id (GitHub) and job name (CircleCI): {@link jobIds}. */
  id: string;
  /** Keys of the named stages it needs directly, unnamed stages passed through, in first-use order. */
  needs: string[];
}

/** The jobs the generators add besides the stage jobs; a stage never takes these ids. */
export const PLAN_JOB = 'plan';
export const PUBLISH_JOB = 'publish';
export const REPORT_JOB = 'report';
/** CircleCI only: the one job of a continuation when the plan runs no stage. */
export const IDLE_JOB = 'nothing-to-build';
const RESERVED = [PLAN_JOB, PUBLISH_JOB, REPORT_JOB, IDLE_JOB];

/**
 * The job id of each named stage, the same on GitHub (`^[A-Za-z_][A-Za-z0-9_-]*$`) and CircleCI
 * (`^[A-Za-z][A-Za-z\s\d_-]*$`), documented in docs/ci.md:
 * 1. every character other than a letter, digit, `_` or `-` becomes `_` (`node.js` → `node_js`);
 * 2. a name that does not start with a letter gets the prefix `stage_` (`1st` → `stage_1st`);
 * 3. an id already taken — by `plan`, `publish`, `nothing-to-build` or an earlier stage — gets `_2`, `_3`, …
 *    (stages in Dockerfile order), so ids are unique and stable while the Dockerfile's names are.
 */
export function jobIds(stages: readonly string[]): Map<string, string> {
  const taken = new Set(RESERVED);
  const out = new Map<string, string>();
  for (const name of stages) {
    let id = name.replace(/[^A-Za-z0-9_-]/g, '_');
    if (!/^[A-Za-z]/.test(id)) id = `stage_${id}`;
    const base = id;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    out.set(name, id);
  }
  return out;
}

/** The named stages `stage` needs directly: its dependencies, with each unnamed one replaced by what it needs. */
export function namedDependencies(model: DockerfileModel, stage: Stage): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string, path: string[]) => {
    if (path.includes(key))
      throw new UserError(`circular dependency between stages: ${[...path, key].join(' -> ')}`);
    const s = model.stages.find((x) => x.key === key);
    if (!s) return;
    if (s.name !== null) {
      if (!seen.has(key)) out.push(key);
      seen.add(key);
      return;
    }
    for (const d of s.dependsOn) visit(d, [...path, key]);
  };
  for (const d of stage.dependsOn) visit(d, [stage.key]);
  return out;
}

/** The stage jobs of a Dockerfile, in Dockerfile order (dependencies always come first). */
export function stageJobs(model: DockerfileModel): StageJob[] {
  const named = model.stages.filter((s) => s.name !== null);
  const ids = jobIds(named.map((s) => s.key));
  return named.map((s) => ({
    stage: s.key,
    id: ids.get(s.key) as string,
    needs: namedDependencies(model, s),
  }));
}

/** Unnamed stages no named stage needs: no job builds them (nothing can `--target` them). */
export const orphanStages = (model: DockerfileModel): Stage[] =>
  model.stages.filter(
    (s) =>
      s.name === null &&
      !model.stages.some((o) => o.name !== null && reaches(model, o, s.key, new Set<string>())),
  );

function reaches(model: DockerfileModel, from: Stage, key: string, seen: Set<string>): boolean {
  for (const d of from.dependsOn) {
    if (d === key) return true;
    if (seen.has(d)) continue;
    seen.add(d);
    const s = model.stages.find((x) => x.key === d);
    if (s && s.name === null && reaches(model, s, key, seen)) return true;
  }
  return false;
}
