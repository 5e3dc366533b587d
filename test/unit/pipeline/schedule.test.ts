import { describe, expect, it } from 'vitest';
import { runTasks, type Task } from '../../../src/pipeline/schedule.js';

/** Tasks that record when they start and end; `fail` names those that fail. */
function graph(
  edges: Record<string, string[]>,
  fail: string[] = [],
  ms = 20,
  slow: Record<string, number> = {},
) {
  const log: string[] = [];
  const tasks: Task<boolean>[] = Object.entries(edges).map(([key, deps]) => ({
    key,
    deps,
    run: async () => {
      log.push(`start ${key}`);
      await new Promise((r) => setTimeout(r, slow[key] ?? ms));
      log.push(`end ${key}`);
      return !fail.includes(key);
    },
    ok: (r) => r,
  }));
  return { tasks, log };
}

describe('runTasks: a stage graph run in dependency order', () => {
  const hierarchy = {
    base: [],
    build: ['base'],
    dev: ['build'],
    project: ['dev'],
    ci: ['build'],
    release: ['base', 'ci'],
  };

  it('dependencies first, independent branches side by side', async () => {
    const { tasks, log } = graph(hierarchy);
    const out = await runTasks(tasks, { concurrency: 4, keepGoing: false });
    expect([...out.values()].every((o) => o.status === 'done' && o.ok)).toBe(true);
    const at = (e: string) => log.indexOf(e);
    expect(at('end base')).toBeLessThan(at('start build'));
    expect(at('end ci')).toBeLessThan(at('start release'));
    // dev and ci both wait only for build: they run at the same time.
    expect(at('start ci')).toBeLessThan(at('end dev'));
    expect(at('start dev')).toBeLessThan(at('end ci'));
  });

  it('never more than `concurrency` at once', async () => {
    const { tasks, log } = graph({ a: [], b: [], c: [], d: [] });
    await runTasks(tasks, { concurrency: 2, keepGoing: false });
    let now = 0;
    let peak = 0;
    for (const e of log) {
      now += e.startsWith('start') ? 1 : -1;
      peak = Math.max(peak, now);
    }
    expect(peak).toBe(2);
  });

  it('a failure skips what depends on it; without keep-going nothing new starts', async () => {
    // dev and ci start together after build; dev fails first, ci (already running) finishes.
    const { tasks } = graph(hierarchy, ['dev'], 5, { ci: 60 });
    const out = await runTasks(tasks, { concurrency: 4, keepGoing: false });
    expect(out.get('dev')).toMatchObject({ status: 'done', ok: false });
    expect(out.get('project')).toEqual({ key: 'project', status: 'skipped', because: 'dev failed' });
    expect(out.get('ci')).toMatchObject({ status: 'done', ok: true });
    expect(out.get('release')).toMatchObject({
      status: 'skipped',
      because: expect.stringMatching(/stopped after a failure/),
    });
  });

  it('with keep-going the other branches finish', async () => {
    const { tasks } = graph(hierarchy, ['dev'], 5);
    const out = await runTasks(tasks, { concurrency: 4, keepGoing: true });
    expect(out.get('project')).toMatchObject({ status: 'skipped', because: 'dev failed' });
    expect(out.get('release')).toMatchObject({ status: 'done', ok: true });
  });

  it('a skip passes down the chain with its first cause; unknown deps count as done', async () => {
    const { tasks } = graph({ a: ['outside'], b: ['a'], c: ['b'] }, ['a'], 1);
    const out = await runTasks(tasks, { concurrency: 1, keepGoing: true });
    expect(out.get('c')).toEqual({ key: 'c', status: 'skipped', because: 'a failed' });
  });

  it('a task that throws rejects the run (a bug, not an outcome)', async () => {
    const tasks: Task<boolean>[] = [
      { key: 'x', deps: [], run: () => Promise.reject(new Error('boom')), ok: () => true },
    ];
    await expect(runTasks(tasks, { concurrency: 1, keepGoing: false })).rejects.toThrow('boom');
  });

  it('after a throw nothing new starts (with or without keep-going), and it rejects once what runs is done', async () => {
    for (const keepGoing of [false, true]) {
      const { tasks, log } = graph({ a: [], b: [], c: ['b'] }, [], 20, { b: 40 });
      const a = tasks[0] as Task<boolean>;
      a.run = async () => {
        log.push('start a');
        throw new Error('engine gone');
      };
      await expect(runTasks(tasks, { concurrency: 3, keepGoing })).rejects.toThrow('engine gone');
      expect(log).toEqual(['start a', 'start b', 'end b']); // b finished before the rejection; c never started
    }
  });

  it('stopped() (an interruption) starts nothing new, even with keep-going', async () => {
    let stop = false;
    const { tasks, log } = graph({ a: [], b: ['a'], c: [] }, ['a'], 20, { c: 60 });
    setTimeout(() => {
      stop = true;
    }, 10);
    const out = await runTasks(tasks, { concurrency: 1, keepGoing: true, stopped: () => stop });
    expect(log).toEqual(['start a', 'end a']);
    expect([out.get('b'), out.get('c')]).toEqual([
      { key: 'b', status: 'skipped', because: 'interrupted' },
      { key: 'c', status: 'skipped', because: 'interrupted' },
    ]);
  });
});
