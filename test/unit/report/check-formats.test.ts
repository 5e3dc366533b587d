import { describe, expect, it } from 'vitest';
import type { CheckReport, CheckResult } from '../../../src/check/run.js';
import { CHECK_FORMATS, junitSuite, summaryLine } from '../../../src/report/check/index.js';

const r = (property: string, outcome: CheckResult['outcome'], found: unknown = true): CheckResult => ({
  resourceType: 'File',
  resourceId: '/etc/passwd',
  title: '',
  meta: null,
  property,
  outcome,
  expected: 'equal true',
  found,
  message: outcome === 'fail' ? 'expected false to equal true' : null,
  durationMs: 2,
});
const report: CheckReport = {
  image: 'img:1',
  label: 'release',
  results: [r('exists', 'pass'), r('mode', 'fail', '0600'), r('owner', 'skip', null)],
  durationMs: 1234,
  notes: [],
  ok: false,
};

describe('check output formats', () => {
  it('summary lines as goss words them', () => {
    expect(summaryLine(r('exists', 'pass'))).toBe(
      'File: /etc/passwd: exists: matches expectation: equal true',
    );
    expect(summaryLine(r('mode', 'fail', '0600'))).toBe(
      'File: /etc/passwd: mode: doesn\'t match, expect: equal true found: "0600" (expected false to equal true)',
    );
    expect(summaryLine(r('owner', 'skip'))).toBe('File: /etc/passwd: owner: skipped');
  });

  it('documentation ends with goss summary lines', () => {
    const text = CHECK_FORMATS.documentation([report]);
    expect(text).toContain('Total Duration: 1.234s');
    expect(text).toContain('Count: 3, Failed: 1, Skipped: 1');
  });

  it('json has goss field names and a summary', () => {
    const j = JSON.parse(CHECK_FORMATS.json([report])) as {
      results: Record<string, unknown>[];
      summary: Record<string, unknown>;
    };
    expect(j.results.map((x) => [x.property, x.result, x.successful, x.skipped])).toEqual([
      ['exists', 0, true, false],
      ['mode', 1, false, false],
      ['owner', 2, true, true],
    ]);
    expect(j.summary).toMatchObject({
      'test-count': 3,
      'failed-count': 1,
      'skipped-count': 1,
      'summary-line': 'Count: 3, Failed: 1, Skipped: 1, Duration: 1.234s',
    });
  });

  it('junit: one testsuite per stage with failures and skips; tap; rspecish; structured', () => {
    expect(junitSuite(report)).toMatch(
      /^ {2}<testsuite name="release" errors="0" tests="3" failures="1" skipped="1" time="1.234"/,
    );
    expect(junitSuite(report)).toContain('<skipped/>');
    expect(CHECK_FORMATS.tap([report]).split('\n')).toEqual([
      '1..3',
      expect.stringMatching(/^ok 1 - /),
      expect.stringMatching(/^not ok 2 - /),
      'ok 3 - # SKIP File: /etc/passwd: owner',
    ]);
    expect(CHECK_FORMATS.rspecish([report]).split('\n')[0]).toBe('.FS');
    const s = JSON.parse(CHECK_FORMATS.structured([report])) as { summary: Record<string, number> };
    expect(s.summary).toMatchObject({ 'test-count': 3, failures: 1, skipped: 1 });
    expect(CHECK_FORMATS.silent()).toBe('');
  });
});
