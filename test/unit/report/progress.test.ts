import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../../src/cli/engine-context.js';
import type { Io } from '../../../src/cli/io.js';
import { liveProgress } from '../../../src/cli/progress.js';
import {
  initialProgress,
  type ProgressEvent,
  parseBuildkitLine,
  progressFrame,
  progressStep,
} from '../../../src/report/progress.js';
import type { StageResult } from '../../../src/stages/build-stages.js';

const result = (stage: string): StageResult => ({
  stage,
  status: 'built',
  tag: `shop:${stage}`,
  durationMs: 12_300,
  imageId: 'sha256:1',
  sizeBytes: 1,
  executed: ['a', 'b'],
  cached: ['c'],
  failure: null,
});

const play = (events: ProgressEvent[], at = 1000) => {
  let state = initialProgress();
  const lines: string[] = [];
  for (const [i, e] of events.entries()) {
    const r = progressStep(state, e, at + i * 1000);
    state = r.state;
    lines.push(...r.lines);
  }
  return { state, lines };
};

describe('progress (pure)', () => {
  it("reads BuildKit's plain progress: [stage n/m] steps, internal steps, output lines", () => {
    expect(parseBuildkitLine('#5 [build 2/7] RUN npm ci')).toEqual({ step: 'build 2/7', what: 'RUN npm ci' });
    expect(parseBuildkitLine('#1 [internal] load build definition from Dockerfile')).toEqual({
      step: null,
      what: '[internal] load build definition from Dockerfile',
    });
    expect(parseBuildkitLine('#5 3.217 added 212 packages in 3s')).toEqual({
      output: 'added 212 packages in 3s',
    });
    expect(parseBuildkitLine('#5 DONE 3.4s')).toBeNull();
    expect(parseBuildkitLine('#5 CACHED')).toBeNull();
  });

  it('one live line per running stage with step n/m and time; a stage that ends collapses to its summary', () => {
    const { state, lines } = play([
      { type: 'note', message: 'trusting extra CA certificates' },
      {
        type: 'diagnostic',
        diagnostic: {
          code: 'SPEC-W',
          file: 'docker/goss.build.yaml',
          range: { start: { line: 3, column: 5 }, end: { line: 3, column: 6 } },
          severity: 'warning',
          message: 'x',
        },
      },
      { type: 'stage-start', stage: 'build', tag: 'shop:build' },
      { type: 'log', stage: 'build', line: '#5 [build 2/7] RUN npm ci' },
      { type: 'log', stage: 'build', line: '#5 1.20 added 212 packages' },
      { type: 'stage-start', stage: 'release', tag: 'shop:release' },
      { type: 'log', stage: 'release', line: '#9 [ci 3/5] RUN npm test' },
    ]);
    expect(lines).toEqual([
      'slipway: trusting extra CA certificates',
      'docker/goss.build.yaml:3:5: warning SPEC-W x',
    ]);
    const frame = progressFrame(state, 7000, 60).split('\n');
    expect(frame).toHaveLength(2);
    expect(frame[0]).toMatch(/^. build {3}step 2\/7 RUN npm ci · added 212 packages 4\.0s$/);
    expect(frame[1]).toMatch(/^. release step 3\/5 \[ci\] RUN npm test 1\.0s$/);
    for (const l of progressFrame(state, 7000, 30).split('\n')) expect(l.length).toBeLessThanOrEqual(30);

    const end = progressStep(state, { type: 'stage-end', result: result('build') }, 8000);
    expect(end.lines).toEqual(['slipway: stage build built in 12s (2 steps run, 1 cached)']);
    expect(end.state.live.map((l) => l.stage)).toEqual(['release']);
  });

  it('tests show their count', () => {
    const { state, lines } = play([
      { type: 'test-start', stage: 'release', total: 40 },
      { type: 'test-progress', stage: 'release', done: 12, total: 40 },
    ]);
    expect(progressFrame(state, 3000, 80)).toMatch(/^. release test 12\/40 2\.0s$/);
    expect(lines).toEqual([]);
    const end = progressStep(
      state,
      { type: 'test-end', stage: 'release', count: 40, failed: 2, durationMs: 2500 },
      4000,
    );
    expect(end.lines).toEqual(['slipway: stage release failed its spec in 2.5s (40 assertions, 2 failed)']);
    expect(end.state.live).toEqual([]);
  });
});

/** A terminal that records what is written to it. */
const fakeTty = () => {
  const chunks: string[] = [];
  const stream = { isTTY: true, columns: 60, rows: 20, write: (c: string) => chunks.push(c) > 0 };
  return { stream: stream as unknown as NodeJS.WriteStream, chunks };
};

describe('live progress on a terminal', () => {
  it('draws the live lines in place, prints summaries for good, and clears when the stages are done', () => {
    const { stream, chunks } = fakeTty();
    let t = 0;
    const live = liveProgress(stream, () => t);
    live.onEvent({ type: 'stage-start', stage: 'build', tag: 'shop:build' });
    t = 1500;
    live.onEvent({ type: 'log', stage: 'build', line: '#5 [build 2/7] RUN npm ci' });
    live.onEvent({ type: 'stage-end', result: result('build') });
    live.stop();
    const all = chunks.join('');
    expect(all).toContain('build building → shop:build 0.0s');
    expect(all).toContain('step 2/7 RUN npm ci 1.5s');
    expect(all).toContain('slipway: stage build built in 12s (2 steps run, 1 cached)\n');
    expect(all).toContain('\u001b[2K'); // erased in place, not appended
    const afterSummary = all.slice(all.lastIndexOf('cached)\n') + 8);
    expect(afterSummary).not.toContain('npm ci');
  });

  it('progressPrinter: live only on a terminal and not under CI; plain lines otherwise', () => {
    const plain: string[] = [];
    const { stream, chunks } = fakeTty();
    const io: Io = { out: () => {}, err: (t) => plain.push(t), isTTY: true, errStream: stream };
    const start: ProgressEvent = { type: 'stage-start', stage: 'build', tag: 'shop:build' };
    progressPrinter(io, false, { CI: 'true' })(start);
    progressPrinter({ ...io, isTTY: false }, false, {})(start);
    expect(plain).toEqual([
      'slipway: building stage build → shop:build',
      'slipway: building stage build → shop:build',
    ]);
    expect(chunks).toEqual([]);
    progressPrinter(io, false, {})(start);
    expect(chunks.join('')).toContain('build building → shop:build');
    expect(plain).toHaveLength(2);
  });
});
