/**
 * What `planStages` takes and returns: plain data, no filesystem, git or docker. The JSON form of `Plan` is
 * documented in docs/plan.md and stable (fields are only ever added).
 */
import type { IgnoreRules } from '../context/dockerignore.js';
import type { DockerfileModel } from '../dockerfile/stage.js';

export type Action = 'build' | 'test' | 'skip';

export type ReasonKind =
  | 'input'
  | 'instruction'
  | 'arg'
  | 'ignore-file'
  | 'dependency'
  | 'base-image'
  | 'config'
  | 'spec'
  | 'no-base'
  | 'no-image';

export interface Reason {
  kind: ReasonKind;
  /** One sentence for people. */
  text: string;
  /** The file that caused it, relative to the repository root. */
  file?: string;
  /** The line at head (of `file`, or of the Dockerfile for instruction/arg reasons). */
  line?: number;
  arg?: string;
  /** The stage that caused it (for `dependency`). */
  stage?: string;
  /** For a summary reason: how many more of this kind were left out. */
  count?: number;
}

export interface StagePlan {
  /** The stage key: its lower-cased AS name, or its index when unnamed. */
  name: string;
  action: Action;
  reasons: Reason[];
}

export interface Plan {
  /** The base revision (a commit id), or null when there is none to compare with (everything is built). */
  base: string | null;
  /** The head commit id; with `worktree`, the commit the working tree is on. */
  head: string;
  worktree: boolean;
  /** How the base was chosen, e.g. `merge-base of HEAD with origin/main`. */
  baseSource: string;
  /** Why everything is planned when it is ("when in doubt, build"), and how to do better. */
  fallback: { reason: string; hint?: string } | null;
  /** Paths changed between base and head (a rename counts as a delete and an add). */
  changedFiles: number;
  /** Every stage at head, in file order. */
  stages: StagePlan[];
  /** The stages to build, each after the stages it depends on. */
  buildOrder: string[];
}

export type ChangeStatus = 'A' | 'M' | 'D';

/**
 * Stands for the repository's `.git` directory among the files of a context rooted at the repository: git
 * lists no file there, but BuildKit sends it unless the ignore file drops it, and it differs at every commit.
 */
export const GIT_MARKER = '.git/HEAD';

export interface Change {
  /** Relative to the repository root. */
  path: string;
  status: ChangeStatus;
}

/** The Dockerfile at a revision: its text and model, or why there is none. */
export type DockerfileAt =
  | { path: string; text: string; model: DockerfileModel }
  | { path: string; error: string; line?: number };

/** What slipway.yaml says at a revision, reduced to what the plan compares; or why it cannot be read. */
export type SettingsAt =
  | {
      /** The config file, relative to the repository root, or null when slipway runs on defaults. */
      file: string | null;
      buildArgs: Readonly<Record<string, string>>;
      /** Per stage key: what its test run depends on (test: settings, smoke, spec vars), JSON-comparable. */
      test: Readonly<Record<string, unknown>>;
    }
  | { file: string | null; error: string };

/** A stage's container spec at a revision: the spec file and every file it includes (repository-relative). */
export interface SpecAt {
  file: string;
  files: readonly string[];
  /** The spec does not load (its includes may be incomplete). */
  error?: string;
}

export interface RevisionView {
  dockerfile: DockerfileAt;
  /** The build context, relative to the repository root ('' for the root). */
  context: string;
  /** Every file under the context (context-relative), before the ignore file. */
  contextFiles: readonly string[];
  /** Symbolic links among them (context-relative) and their targets. */
  symlinks?: ReadonlyMap<string, string>;
  /** The ignore file in force (its `file` relative to the repository root) and its rules. */
  ignore: IgnoreRules;
  settings: SettingsAt;
  /** Per stage key: its spec, or absent when it has none. */
  specs: Readonly<Record<string, SpecAt>>;
}

export interface PlanInput {
  /** null: no usable base revision — every stage is built, with `fallback` as the reason. */
  base: RevisionView | null;
  head: RevisionView & { dockerfile: { path: string; text: string; model: DockerfileModel } };
  changes: readonly Change[];
  meta: Pick<Plan, 'base' | 'head' | 'worktree' | 'baseSource' | 'fallback'>;
}
