/**
 * The thin I/O shell around `planStages`: resolves base and head, lists the changes, reads both revisions.
 * Unknown refs, a missing repository or a bad head are UserErrors (exit 2); a base that cannot be used (not
 * in a shallow clone, no previous tag, a manual CI run) plans everything and says how to do better.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { type BaseChoice, chooseBase } from './ci-base.js';
import { Git } from './git.js';
import type { Change, Plan, PlanInput } from './plan-types.js';
import { commitRevision, type Revision, worktreeRevision } from './revision.js';
import { type ReadView, readView } from './view.js';

export interface GatherOptions {
  cwd: string;
  configFile?: string | undefined;
  dockerfile?: string | undefined;
  /** `--build-arg`s on top of the config's `buildArgs`, at both revisions. */
  buildArgs?: Readonly<Record<string, string>> | undefined;
  /** `--base REF`: compare with this revision as given. */
  base?: string | undefined;
  /** `--head REF` (default HEAD). */
  head?: string | undefined;
  /** Compare the working tree (untracked files included, ignored ones not) instead of a head commit. */
  worktree?: boolean | undefined;
  /** The environment CI variables are read from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Reads the GitHub event file (default: the disk). */
  readFile?: (path: string) => string | null;
}

export interface Gathered {
  input: PlanInput;
  git: Git;
  head: Revision;
  headView: ReadView;
}

type Fallback = NonNullable<Plan['fallback']>;

export async function gatherPlanInput(o: GatherOptions): Promise<Gathered> {
  const env = o.env ?? process.env;
  const cwd = realpath(resolve(o.cwd));
  const git = await Git.open(cwd);
  if (o.worktree && o.head)
    throw new UserError('--head and --worktree exclude each other', { hint: 'pass one of them' });
  const headRef = o.head ?? 'HEAD';
  const headCommit = await git.commit(headRef);
  if (!headCommit && headRef === 'HEAD')
    throw new UserError(`the repository ${git.root} has no commit yet`, {
      hint: 'commit, then plan against it',
    });
  if (!headCommit) throw await unknownRef(git, headRef, '--head');

  const choice: BaseChoice = o.base
    ? { kind: 'revision', rev: o.base, mergeBase: false, source: `--base ${o.base}` }
    : o.worktree
      ? {
          kind: 'revision',
          rev: 'HEAD',
          mergeBase: false,
          source: 'HEAD (the working tree against its commit)',
        }
      : chooseBase(env, o.readFile ?? readOrNull);
  const [resolved, head] = await Promise.all([
    resolveBase(git, choice, headCommit, Boolean(o.base)),
    o.worktree ? worktreeRevision(git) : commitRevision(git, headCommit, `head ${headCommit.slice(0, 12)}`),
  ]);
  const viewOpts = {
    root: git.root,
    cwd,
    configFile: o.configFile,
    dockerfile: o.dockerfile,
    buildArgs: o.buildArgs,
    env,
  };
  const readBase = async () => {
    if (!resolved.commit) return null;
    const rev = await commitRevision(
      git,
      resolved.commit,
      `the base revision ${resolved.commit.slice(0, 12)}`,
    );
    return readView(rev, { ...viewOpts, strict: false });
  };
  const [headView, baseView, changes] = await Promise.all([
    readView(head, { ...viewOpts, strict: true }),
    readBase(),
    resolved.commit
      ? git.changes(resolved.commit, o.worktree ? null : headCommit)
      : Promise.resolve([] as Change[]),
  ]);
  const input: PlanInput = {
    base: baseView?.view ?? null,
    head: headView.view as PlanInput['head'],
    changes,
    meta: {
      base: resolved.commit,
      head: headCommit,
      worktree: Boolean(o.worktree),
      baseSource: choice.source,
      fallback: resolved.fallback,
    },
  };
  return { input, git, head, headView };
}

const realpath = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

const readOrNull = (p: string): string | null => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
};

async function unknownRef(git: Git, ref: string, flag: string): Promise<UserError> {
  const near = didYouMean(ref, await git.refNames());
  return new UserError(`unknown revision '${ref}' (${flag})`, {
    hint: near
      ? `did you mean '${near}'?`
      : 'a branch, tag or commit of this repository (git fetch it first?)',
  });
}

const looksLikeCommit = (ref: string) => /^[0-9a-f]{7,64}$/i.test(ref);

/** The base commit, or null with why everything is planned and how to get a base. */
async function resolveBase(
  git: Git,
  choice: BaseChoice,
  head: string,
  explicit: boolean,
): Promise<{ commit: string | null; fallback: Fallback | null }> {
  const none = async (reason: string, hint?: string) => {
    const h = hint ?? (await shallowHint(git));
    return { commit: null, fallback: { reason, ...(h ? { hint: h } : {}) } };
  };
  if (choice.kind === 'everything')
    return none(`${choice.source}: every stage is planned`, 'pass --base REF to compare with a revision');
  if (choice.kind === 'previous-tag') {
    const tag = await git.previousTag();
    const c = tag ? await git.commit(tag) : null;
    if (c) return { commit: c, fallback: null };
    return none(
      `${choice.source}: there is no earlier tag, so every stage is planned`,
      (await shallowHint(git)) ?? 'fetch the tags (git fetch --tags) if there are earlier ones',
    );
  }
  let rev: string;
  let mergeBase: boolean;
  if (choice.kind === 'default-branch') {
    const branch = choice.branch ?? (await git.defaultBranch());
    if (!branch || (choice.branch && !(await git.commit(branch))))
      return none(
        `no default branch to compare with (${choice.branch ?? 'origin/HEAD, main or master'}): every stage is planned`,
        'pass --base REF, or fetch the default branch (git fetch origin main)',
      );
    rev = branch;
    mergeBase = true;
  } else {
    rev = choice.rev;
    mergeBase = choice.mergeBase;
  }
  const c = await git.commit(rev);
  if (!c) {
    if (explicit && !looksLikeCommit(rev)) throw await unknownRef(git, rev, '--base');
    return none(
      `the base revision ${rev} (${choice.source}) is not in this repository: every stage is planned`,
      await fetchHint(git, rev),
    );
  }
  if (!mergeBase) return { commit: c, fallback: null };
  const mb = await git.mergeBase(c, head);
  if (!mb)
    return none(
      `HEAD and ${rev} have no common ancestor here (${choice.source}): every stage is planned`,
      await fetchHint(git, rev),
    );
  if (mb === head && choice.kind === 'default-branch' && choice.ci)
    return none(
      `${choice.source}: HEAD is on the default branch and no previous revision is known: every stage is planned`,
      'pass SLIPWAY_BASE=<< pipeline.git.base_revision >>',
    );
  return { commit: mb, fallback: null };
}

async function shallowHint(git: Git): Promise<string | undefined> {
  return (await git.isShallow())
    ? 'this is a shallow clone: fetch more history (git fetch --deepen=100, or git fetch --unshallow; actions/checkout: fetch-depth: 0)'
    : undefined;
}

async function fetchHint(git: Git, rev: string): Promise<string> {
  return (
    (await shallowHint(git)) ??
    `fetch it: git fetch origin ${looksLikeCommit(rev) ? rev : rev.replace(/^origin\//, '')}`
  );
}
