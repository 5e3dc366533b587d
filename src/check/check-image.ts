import type Docker from 'dockerode';
import type { TestRun } from '../config/config.js';
import { EnvironmentError, UserError } from '../core/errors.js';
import {
  type DeclaredResource,
  evaluate,
  type Identity,
  identityOf,
  type MatchReport,
  type MatchResult,
  type PropertyOutcome,
  RESOURCES,
  resultId,
  type Spec,
} from '../gossfile/index.js';
import { ImageFs } from '../probe/image-fs.js';
import { FsObserver } from '../probe/observe-fs.js';
import type { ExecResult } from './exec.js';
import type { HelperProvider } from './helper-image.js';
import { type NetworkHandle, openNetwork } from './network.js';
import { needsHelper, observe, runsTarget, SYSTEM, type Targets } from './system/index.js';
import { RunningTarget } from './target.js';

/** One property's outcome, as goss reports it. */
export interface CheckResult {
  resourceType: string;
  resourceId: string;
  title: string;
  meta: Record<string, unknown> | null;
  property: string;
  outcome: 'pass' | 'fail' | 'skip';
  expected: string;
  /** The property's value as the spec gives it, which goss reports as `expected`: "0644", 5, [root], {gt: 3}. */
  expectedValue: unknown;
  found: unknown;
  message: string | null;
  /** Why the property could not be read or its matcher not applied (goss's `err`); null when it was compared. */
  error: string | null;
  /** goss's `matcher-result`: how the matcher explains the outcome (zero when skipped or not compared). */
  matcher: MatchReport;
  /** The match as the matcher ran it, members' results included; null when it did not run. */
  match: MatchResult | null;
  /** When the check of its resource started (epoch ms): goss's `start-time`; plus `durationMs`, `end-time`. */
  startedAt: number;
  durationMs: number;
}

export interface CheckReport {
  image: string;
  label: string;
  results: CheckResult[];
  durationMs: number;
  notes: string[];
  ok: boolean;
}

export interface CheckOptions {
  session: string;
  maxConcurrent?: number;
  /** Re-run until everything passes or this many ms passed (goss --retry-timeout; else the run's setting, 0). */
  retryTimeoutMs?: number;
  /** Pause between retries (goss --sleep; else the run's setting, 1 s). */
  sleepMs?: number;
  /** Entrypoint, command and environment for the running container (default: the image's own). */
  run?: TestRun;
}

/**
 * Checks a spec against an image: file/user/group/package from its filesystem (never run), the rest against
 * the image running. Everything slipway started is removed before this returns, whatever happened.
 */
export async function checkImage(
  docker: Docker,
  helper: HelperProvider,
  image: string,
  label: string,
  spec: Spec,
  opts: CheckOptions,
): Promise<CheckReport> {
  // The command line's --retry-timeout/--sleep win over the stage's `test:` settings.
  const retry = {
    retryTimeoutMs: opts.retryTimeoutMs ?? (opts.run?.retryTimeout ?? 0) * 1000,
    sleepMs: opts.sleepMs ?? (opts.run?.sleep ?? 1) * 1000,
  };
  const check: ImageCheck = { docker, helper, image, label, spec, opts: { ...opts, ...retry } };
  const first = await checkImageOnce(check);
  if (first.stopped === null && first.report) return first.report;
  // The image's command exited after the brief watch (a loaded machine), so live checks met a stopped
  // container: check again with /bin/sh keeping it alive from the start, as a quicker exit would have had.
  const again = await checkImageOnce(check, first.stopped ?? undefined);
  if (!again.report) throw again.error;
  return again.report;
}

/** One attempt: its report, or (report null) the error of a run whose target stopped, to be run again. */
type Attempt =
  | { report: CheckReport; stopped: string | null }
  | { report: null; stopped: string; error: unknown };

/** What `checkImage` was given, for each attempt. */
interface ImageCheck {
  docker: Docker;
  helper: HelperProvider;
  image: string;
  label: string;
  spec: Spec;
  opts: CheckOptions;
}

async function checkImageOnce(
  { docker, helper, image, label, spec, opts }: ImageCheck,
  keptAliveBecause?: string,
): Promise<Attempt> {
  const t0 = Date.now();
  const checked = spec.resources.filter((r) => !r.skip);
  // Provisioned before anything runs: a helper that cannot be had is the machine's problem (exit 3), never
  // a list of failed assertions that look like the image's fault.
  const helperTag = checked.some((r) => needsHelper(r.type)) ? await helper() : '';
  const fs = await ImageFs.open(docker, image, opts.session);
  const state: { live: Promise<RunningTarget> | null; net: NetworkHandle | null } = { live: null, net: null };
  const notes: string[] = [];
  try {
    const fsObs = new FsObserver(fs);
    const needsLive = checked.some((r) => runsTarget(r.type));
    // Asked before any filesystem check queues its reads, so the container starts at once and its commands
    // run while the filesystem is read.
    const shell = needsLive ? fs.entry('/bin/sh').then((e) => e !== null) : Promise.resolve(false);
    shell.catch(() => undefined);
    const startLive = async () => {
      const run = opts.run;
      state.net = await openNetwork(docker, run?.network, opts.session);
      const t = await RunningTarget.start(docker, image, {
        session: opts.session,
        helper: helperTag,
        // The container is created while /bin/sh is still being looked for: only a fallback needs the answer.
        hasShell: shell,
        ...(run?.entrypoint ? { entrypoint: run.entrypoint } : {}),
        ...(run?.cmd ? { cmd: run.cmd } : {}),
        env: Object.entries(run?.env ?? {}).map(([k, v]) => `${k}=${v}`),
        ...(run ? { options: run } : {}),
        network: state.net.name,
        ...(keptAliveBecause ? { keptAliveBecause } : {}),
      });
      if (t.note) notes.push(t.note);
      return t;
    };
    const live = () => (state.live ??= startLive());
    if (needsLive) live().catch(() => undefined);
    const target = async () => (await state.live?.catch(() => null)) ?? null;
    const stoppedMeanwhile = async () =>
      keptAliveBecause ? null : ((await (await target())?.stoppedDuringChecks()) ?? null);
    const what = { image, label, t0 };
    let report: CheckReport;
    try {
      report = await rounds(spec, { fs: fsObs, live, started: () => state.live }, opts, notes, what);
    } catch (error) {
      // An exec into a container that has just stopped is refused by the engine ("is not running"): run
      // again kept alive by its /bin/sh, or, when nothing could keep it alive, the live checks fail saying
      // why, as when it stops at once — never an engine error that depends on when it stopped.
      const stopped = await stoppedMeanwhile();
      if (stopped !== null) return { report: null, stopped, error };
      const why = await (await target())?.stoppedForGood();
      if (!why) throw error;
      const gone = Promise.reject(new Error(why));
      gone.catch(() => undefined);
      report = await rounds(
        spec,
        { fs: fsObs, live: () => gone, started: () => gone },
        { ...opts, retryTimeoutMs: 0 },
        notes,
        what,
      );
      return { report, stopped: null };
    }
    if (!report.ok) {
      const why = await (await target())?.stoppedForGood();
      if (why) notes.push(why);
    }
    return { report, stopped: await stoppedMeanwhile() };
  } finally {
    const running = await state.live?.catch(() => null);
    await Promise.all([running?.close(), fs.close()]);
    await state.net?.close();
  }
}

/**
 * Checks a spec against a container that is already running, leaving it as it was: its filesystem as it is
 * now (the archive API, and the helper through /proc/1/root for the mounts made inside it), live checks in
 * it and from the helper in its namespaces. Only the helper is started, and removed before this returns.
 */
export async function checkContainer(
  docker: Docker,
  helper: HelperProvider,
  ref: string,
  label: string,
  spec: Spec,
  opts: Omit<CheckOptions, 'run'>,
): Promise<CheckReport> {
  const t0 = Date.now();
  // The helper reads the container's own mounts (tmpfs /run, /dev) even for file checks: always provisioned.
  const helperTag = await helper();
  const target = await RunningTarget.attach(docker, ref, { session: opts.session, helper: helperTag });
  try {
    const running = Promise.resolve(target);
    const fs = new FsObserver(target.filesystem());
    return await rounds(spec, { fs, live: () => running, started: () => running }, opts, [], {
      image: ref,
      label,
      t0,
    });
  } finally {
    await target.close();
  }
}

/** Runs every check (again, until they pass or the retry time is up), the commands batched when they can be. */
async function rounds(
  spec: Spec,
  o: { fs: FsObserver; live: () => Promise<RunningTarget>; started: () => Promise<RunningTarget> | null },
  opts: Omit<CheckOptions, 'run'>,
  notes: string[],
  what: { image: string; label: string; t0: number },
): Promise<CheckReport> {
  const deadline = Date.now() + (opts.retryTimeoutMs ?? 0);
  // Each resource as its observer sees it, once: the batch's results are found by it.
  const identities = new Map(spec.resources.map((r) => [r, identityOf(r)]));
  const commands = spec.resources.flatMap((r) => {
    const t = identities.get(r) as Identity;
    const batch = r.skip ? null : (SYSTEM[r.type].batch?.(t) ?? null);
    return batch === null ? [] : [{ t, ...batch }];
  });
  for (;;) {
    // The container starts and the command batch runs while the filesystem checks read the image: the
    // engine serialises archive reads, so overlapping the two is most of the wall time saved.
    const batched: Promise<Map<Identity, ExecResult>> =
      commands.length > 1
        ? o
            .live()
            .then((t) => t.execBatch(commands))
            .then(
              (xs) => new Map((xs ?? []).map((x, i) => [(commands[i] as (typeof commands)[number]).t, x])),
            )
            .catch(() => new Map())
        : Promise.resolve(new Map());
    const targets: Targets = { fs: o.fs, live: o.live, batched };
    const results = await pool(spec.resources, opts.maxConcurrent ?? 50, async (r) =>
      checkResource(r, identities.get(r) as Identity, targets),
    );
    // A container the engine could not start is the machine's (or the run settings') problem: not results.
    const live = o.started();
    const startFailure = await live?.then(
      () => null,
      (e: unknown) => e,
    );
    if (startFailure instanceof EnvironmentError || startFailure instanceof UserError) throw startFailure;
    const flat = results.flat();
    const ok = flat.every((x) => x.outcome !== 'fail');
    const target = await live?.catch(() => null);
    // Retrying against a container that has stopped cannot pass: it is run again, or reported, by the caller.
    if (ok || Date.now() >= deadline || (await target?.stoppedSinceStart())) {
      if (!ok && target?.started) {
        const tail = await target.logTail();
        if (tail.length) notes.push(`container log (last lines):\n${tail.map((l) => `  | ${l}`).join('\n')}`);
      }
      return {
        image: what.image,
        label: what.label,
        results: flat,
        durationMs: Date.now() - what.t0,
        notes,
        ok,
      };
    }
    await new Promise((r) => setTimeout(r, opts.sleepMs ?? 1000));
  }
}

async function checkResource(r: DeclaredResource, t: Identity, targets: Targets): Promise<CheckResult[]> {
  const t0 = Date.now();
  if (r.skip)
    return resultsOf(
      r,
      evaluate(r, () => ({ value: null })),
      t0,
      0,
    );
  const observation = await observe(r.type, t, targets);
  const outcomes = evaluate(
    r,
    (p) => observation[p] ?? { error: `${r.type}: property '${p}' is not observed by slipway` },
  );
  return resultsOf(r, outcomes, t0, Date.now() - t0);
}

/** A resource's outcomes as results (pure): what goss's TestResult carries for each. */
export function resultsOf(
  r: DeclaredResource,
  outcomes: readonly PropertyOutcome[],
  startedAt: number,
  durationMs: number,
): CheckResult[] {
  const base = {
    resourceType: RESOURCES[r.type].name,
    // goss's ID(): the key, or `key: target` when a target setting (path, url, name…) differs from it.
    resourceId: resultId(r),
    title: r.title ?? '',
    meta: (r.meta as Record<string, unknown>) ?? null,
  };
  return outcomes.map((o, i) => ({
    ...base,
    property: o.resultProperty,
    outcome: o.outcome,
    expected: o.expected,
    expectedValue: r.properties[i]?.value ?? null,
    found: o.outcome === 'skip' ? null : (o.actual ?? null),
    message: o.outcome === 'skip' ? null : (o.message ?? null),
    error: o.error ?? null,
    matcher: o.report,
    match: o.result ?? null,
    startedAt,
    durationMs,
  }));
}

async function pool<T, R>(items: readonly T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}
