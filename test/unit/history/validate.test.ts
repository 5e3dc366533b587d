import { describe, expect, it } from 'vitest';
import { runProblem, stageProblem } from '../../../src/history/validate.js';
import { runRecord, stageRecord } from '../../helpers/records.js';

describe('run record shape: refused with the first wrong field, before any reader trips on it', () => {
  it('a record the pipeline writes passes, and so does a bare stage record', () => {
    expect(runProblem(runRecord('r1', [stageRecord('base'), stageRecord('release')]))).toBeNull();
    expect(stageProblem(stageRecord('ci'))).toBeNull();
  });

  it('the right schema with fields missing names the first missing one', () => {
    expect(runProblem({ schema: 1, stages: [] })).toBe('id: expected the run id');
    const noSource = { ...runRecord('r1', []), source: undefined };
    expect(runProblem(noSource)).toBe('source: expected {revision, branch, dirty}');
    expect(runProblem({ ...runRecord('r1', []), schema: 2 })).toBe('schema: expected 1');
    expect(runProblem([])).toBe('expected a JSON object');
  });

  it('a stage inside a run is checked down to its build and test results', () => {
    const broken = { ...stageRecord('ci'), build: { ...stageRecord('ci').build, layers: null } };
    expect(runProblem(runRecord('r1', [stageRecord('base'), broken as never]))).toBe(
      'stages[1].build.layers: expected a list of layers',
    );
    expect(stageProblem({ name: 'x' })).toBe('action: expected build, test or skip');
  });
});
