import { describe, expect, it } from 'vitest';
import type { RunRecord, StageRecord } from '../../../src/history/record.js';
import { decideBuilds, smokeNeeded, testGreen } from '../../../src/pipeline/decide.js';
import { emptyStage } from '../../../src/pipeline/records.js';
import type { Plan } from '../../../src/plan/plan-types.js';

const fps: Record<string, string | null> = { base: 'sha256:aa', build: 'sha256:bb', release: null };
const existing = new Map([['sha256:aa', { id: 'sha256:img-a', sizeBytes: 1 }]]);
const plan: Plan = {
  base: 'b',
  head: 'h',
  worktree: true,
  baseSource: 'HEAD',
  fallback: null,
  changedFiles: 1,
  stages: [
    { name: 'base', action: 'skip', reasons: [] },
    {
      name: 'build',
      action: 'build',
      reasons: [{ kind: 'input', text: 'package.json modified', file: 'package.json' }],
    },
    { name: 'release', action: 'skip', reasons: [] },
  ],
  buildOrder: ['build'],
};

const record = (
  stage: Partial<StageRecord> & { name: string },
  smoke: RunRecord['smoke'] = null,
): RunRecord => ({
  schema: 1,
  id: 'run-1',
  kind: 'pipeline',
  startedAt: '2026-12-01T00:00:00.000Z',
  durationMs: 1,
  ok: true,
  source: { revision: null, branch: null, dirty: false },
  plan: null,
  stages: [{ ...emptyStage(stage.name, null), ...stage }],
  smoke,
});

describe('the pipeline decides from data', () => {
  it('an image of the fingerprint is reused; a stage without one is built with the plan’s reasons', () => {
    const d = decideBuilds(['base', 'build', 'release'], (s) => fps[s] ?? null, existing, plan, false);
    expect(d.get('base')).toEqual({
      stage: 'base',
      fingerprint: 'sha256:aa',
      reuse: { id: 'sha256:img-a', sizeBytes: 1 },
      reasons: [],
    });
    expect(d.get('build')?.reuse).toBeNull();
    expect(d.get('build')?.reasons).toEqual([
      { kind: 'input', text: 'package.json modified', file: 'package.json' },
    ]);
    // An unknown fingerprint (an image id missing) is never reused.
    expect(d.get('release')?.reuse).toBeNull();
  });

  it('without a git plan the fingerprint is the reason; --force rebuilds what has an image', () => {
    const noPlan = decideBuilds(['build'], (s) => fps[s] ?? null, existing, null, false);
    expect(noPlan.get('build')?.reasons).toEqual([
      { kind: 'no-image', text: 'no image has its fingerprint sha256:bb…' },
    ]);
    const forced = decideBuilds(['base'], (s) => fps[s] ?? null, existing, null, true);
    expect(forced.get('base')?.reuse).toBeNull();
    expect(forced.get('base')?.reasons[0]?.text).toMatch(/--force/);
  });

  it('a test is green for the same image AND spec fingerprint only, and never under --force', () => {
    const passed = record({
      name: 'ci',
      build: { ...emptyStage('ci', null).build, imageId: 'sha256:i1' },
      test: { ...emptyStage('ci', null).test, status: 'passed', specFingerprint: 'sha256:s1' },
    });
    expect(testGreen([passed], 'sha256:i1', 'sha256:s1', false)).toBe('run-1');
    expect(testGreen([passed], 'sha256:i1', 'sha256:s2', false)).toBeNull();
    expect(testGreen([passed], 'sha256:i2', 'sha256:s1', false)).toBeNull();
    expect(testGreen([passed], 'sha256:i1', 'sha256:s1', true)).toBeNull();
    const failed = record({
      name: 'ci',
      build: { ...emptyStage('ci', null).build, imageId: 'sha256:i1' },
      test: { ...emptyStage('ci', null).test, status: 'failed', specFingerprint: 'sha256:s1' },
    });
    expect(testGreen([failed], 'sha256:i1', 'sha256:s1', false)).toBeNull();
  });

  it('the smoke run: for a new image, under --force, or when no pass of this image and settings is recorded', () => {
    const h = [
      record(
        { name: 'release' },
        { stage: 'release', imageId: 'sha256:r', settings: 'sha256:x', ok: true, steps: [] },
      ),
    ];
    expect(smokeNeeded(h, { imageId: 'sha256:r', settings: 'sha256:x', built: false, force: false })).toBe(
      false,
    );
    expect(smokeNeeded(h, { imageId: 'sha256:r', settings: 'sha256:y', built: false, force: false })).toBe(
      true,
    );
    expect(smokeNeeded(h, { imageId: 'sha256:q', settings: 'sha256:x', built: false, force: false })).toBe(
      true,
    );
    expect(smokeNeeded(h, { imageId: 'sha256:r', settings: 'sha256:x', built: true, force: false })).toBe(
      true,
    );
    expect(smokeNeeded(h, { imageId: 'sha256:r', settings: 'sha256:x', built: false, force: true })).toBe(
      true,
    );
  });
});
