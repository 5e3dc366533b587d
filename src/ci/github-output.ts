import { createHash } from 'node:crypto';
import { type CiPlan, stagesToRun } from './plan.js';

/** What the plan job hands the other jobs besides the plan: where images go, and whether they may be pushed. */
export interface CiRun {
  /** The registry repository, lower-cased (`ghcr.io/acme/shop`). */
  registry: string;
  /** False where the token cannot write (pull requests from forks): jobs build and test but push nothing. */
  push: boolean;
}

/**
 * The text `slipway ci plan --provider github` appends to `$GITHUB_OUTPUT`: `stages` (a JSON array of the
 * named stages to run), `plan` (the plan JSON), `registry` and `push`. Each value goes in GitHub's
 * `name<<DELIMITER` form, with a delimiter derived from the value that the value does not contain.
 */
export function githubPlanOutputs(plan: CiPlan, run: CiRun): string {
  const values: [string, string][] = [
    ['stages', JSON.stringify(stagesToRun(plan))],
    ['plan', JSON.stringify(plan)],
    ['registry', run.registry.toLowerCase()],
    ['push', String(run.push)],
  ];
  return values.map(([k, v]) => githubOutput(k, v)).join('');
}

/** One output in the multiline form: `name<<D\nvalue\nD\n`. */
export function githubOutput(name: string, value: string): string {
  let delimiter = `slipway_${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;
  while (value.includes(delimiter)) delimiter += '_';
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
