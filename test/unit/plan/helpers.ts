import { ignoreRules } from '../../../src/context/dockerignore.js';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';
import type { Change, PlanInput, RevisionView, SpecAt } from '../../../src/plan/plan-types.js';

export interface Side {
  dockerfile: string;
  files?: string[];
  ignore?: string | null;
  buildArgs?: Record<string, string>;
  test?: Record<string, unknown>;
  specs?: Record<string, SpecAt>;
  context?: string;
}

/** A revision as plain data, the way gather.ts would hand it over. */
export function view(s: Side): RevisionView {
  const buildArgs = s.buildArgs ?? {};
  const { model, diagnostics } = parseDockerfile(s.dockerfile, 'Dockerfile', {
    buildArgs,
    platform: 'linux/amd64',
  });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return {
    dockerfile: errors.length
      ? { path: 'Dockerfile', error: errors[0]?.message ?? '', line: errors[0]?.range.start.line }
      : { path: 'Dockerfile', text: s.dockerfile, model },
    context: s.context ?? '',
    contextFiles: s.files ?? [],
    ignore: ignoreRules(
      s.ignore === undefined || s.ignore === null ? null : '.dockerignore',
      s.ignore ?? null,
    ),
    settings: { file: 'slipway.yaml', buildArgs, test: s.test ?? {} },
    specs: s.specs ?? {},
  };
}

export function input(base: Side | null, head: Side, changes: Change[]): PlanInput {
  return {
    base: base ? view(base) : null,
    head: view(head) as PlanInput['head'],
    changes,
    meta: {
      base: base ? 'b'.repeat(40) : null,
      head: 'h'.repeat(40),
      worktree: false,
      baseSource: 'test',
      fallback: base ? null : { reason: 'no base in this test' },
    },
  };
}

export const M = (path: string): Change => ({ path, status: 'M' });
export const A = (path: string): Change => ({ path, status: 'A' });
export const D = (path: string): Change => ({ path, status: 'D' });
