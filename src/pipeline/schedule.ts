/**
 * Runs tasks that depend on each other: each starts as soon as everything it depends on has succeeded, up
 * to `concurrency` at once, so independent branches run side by side. A failure skips what depends on it;
 * without `keepGoing` nothing new starts after the first failure (what runs finishes). Outcomes are data.
 * A task that throws (an engine gone, an interruption) ends the whole run: nothing new starts, and once what
 * runs has settled the promise rejects with the first error. So does `stopped()` turning true (a signal):
 * nothing new starts, even with `keepGoing`.
 */
export interface Task<R> {
  key: string;
  /** Keys of tasks that must succeed first (keys without a task are taken as done). */
  deps: readonly string[];
  run: () => Promise<R>;
  /** Whether the result counts as success (dependants run only after successes). */
  ok: (result: R) => boolean;
}

export type TaskOutcome<R> =
  | { key: string; status: 'done'; ok: boolean; result: R }
  | { key: string; status: 'skipped'; because: string };

export async function runTasks<R>(
  tasks: readonly Task<R>[],
  opts: { concurrency: number; keepGoing: boolean; stopped?: () => boolean },
): Promise<Map<string, TaskOutcome<R>>> {
  const known = new Set(tasks.map((t) => t.key));
  const out = new Map<string, TaskOutcome<R>>();
  const pending = new Map(tasks.map((t) => [t.key, t]));
  let running = 0;
  let failed = false;
  let thrown: { error: unknown } | null = null;
  return new Promise((resolve, reject) => {
    const pump = () => {
      if (thrown || opts.stopped?.()) {
        // Give up: start nothing more; settle once what runs has finished.
        for (const key of pending.keys())
          out.set(key, {
            key,
            status: 'skipped',
            because: thrown ? 'the run stopped on an error' : 'interrupted',
          });
        pending.clear();
        if (running === 0) {
          if (thrown) reject(thrown.error);
          else resolve(new Map(tasks.map((t) => [t.key, out.get(t.key) as TaskOutcome<R>])));
        }
        return;
      }
      for (const [key, t] of [...pending]) {
        const blocking = t.deps.filter((d) => known.has(d) && d !== key);
        const bad = blocking.find((d) => {
          const o = out.get(d);
          return o && (o.status === 'skipped' || !o.ok);
        });
        if (bad) {
          pending.delete(key);
          const o = out.get(bad);
          out.set(key, {
            key,
            status: 'skipped',
            because: o?.status === 'skipped' ? o.because : `${bad} failed`,
          });
          continue;
        }
        if (failed && !opts.keepGoing) {
          pending.delete(key);
          out.set(key, { key, status: 'skipped', because: 'stopped after a failure (--keep-going goes on)' });
          continue;
        }
        if (running >= opts.concurrency || !blocking.every((d) => out.has(d))) continue;
        pending.delete(key);
        running++;
        t.run().then(
          (result) => {
            running--;
            const ok = t.ok(result);
            if (!ok) failed = true;
            out.set(key, { key, status: 'done', ok, result });
            pump();
          },
          (e: unknown) => {
            running--;
            thrown ??= { error: e };
            pump();
          },
        );
      }
      if (!pending.size && running === 0)
        resolve(new Map(tasks.map((t) => [t.key, out.get(t.key) as TaskOutcome<R>])));
    };
    pump();
  });
}
