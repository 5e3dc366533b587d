/**
 * Specs goss loads but reports failed: slipway gives the same results (count, pass / fail / skip, property)
 * worded as goss's tap prints them, plus a located warning. The expected lines follow goss v0.4.9's code:
 * resource/validate.go (ValidateGomegaValue), resource/gomega.go (matcherToGomegaMatcher), matchers/*.go and
 * outputs/outputs.go (humanizeResult, compact, raw value included).
 */
import { describe, expect, it } from 'vitest';
import { resultsOf } from '../../../src/check/check-image.js';
import { evaluate } from '../../../src/gossfile/index.js';
import { summaryLine } from '../../../src/report/check/index.js';
import { load } from '../gossfile/helpers.js';

/** The spec's first resource against the given observations, as goss's tap lines (with ok / not ok / SKIP). */
function tap(yaml: string, values: Record<string, unknown>) {
  const l = load(yaml);
  const r = l.resources[0];
  if (!r) throw new Error(`no resource: ${l.diagnostics.join('\n')}`);
  const results = resultsOf(
    r,
    evaluate(r, (p) => ({ value: values[p] })),
    0,
    0,
  );
  return {
    lines: results.map(
      (x) => `${x.outcome === 'pass' ? 'ok' : x.outcome === 'skip' ? 'skip' : 'not ok'} ${summaryLine(x)}`,
    ),
    warnings: l.diagnostics.map((d) => d.replace(/^(\S+) warning (SPEC\d+).*$/, '$1 $2')),
  };
}

describe('what goss runs and fails, slipway reports as goss does', () => {
  it('mode: 0755 unquoted is the number 493: mode fails, compared as numbers', () => {
    expect(
      tap('file:\n  /bin/sh:\n    exists: true\n    mode: 0755\n    owner: root\n', {
        exists: true,
        mode: '0755',
        owner: 'root',
      }),
    ).toEqual({
      lines: [
        'ok File: /bin/sh: exists: matches expectation: true',
        'not ok File: /bin/sh: mode: Expected 755 to be numerically eq 493 the transform chain was [{"to-numeric":{}}] the raw value was "0755"',
        'ok File: /bin/sh: owner: matches expectation: "root"',
      ],
      warnings: ['goss.yaml:4:11: SPEC018'],
    });
  });

  it('exists: 1 errors in the to-numeric transform, and (the gate) skips the rest', () => {
    expect(
      tap('file:\n  /a:\n    exists: 1\n    mode: "0644"\n', { exists: true, mode: '0644' }).lines,
    ).toEqual([
      'not ok File: /a: exists: Error matchers.ToNumeric{}: Expected numeric, Got: <bool>: true the transform chain was [{"to-numeric":{}}] the raw value was true',
      'skip File: /a: mode: skipped',
    ]);
  });

  it('status: "OK" is compared as a string', () => {
    expect(
      tap('http:\n  http://x/:\n    status: "OK"\n    body: [ok]\n', { status: 200, body: 'ok' }).lines,
    ).toEqual([
      'not ok HTTP: http://x/: status: Expected "200" to equal "OK" the transform chain was [{"to-string":{}}] the raw value was 200',
      'skip HTTP: http://x/: Body: skipped',
    ]);
  });

  it('an unknown matcher, a bad argument, a required attribute left out: the syntax error alone', () => {
    const t = tap(
      'user:\n  app:\n    exists: true\n    uid: {have-prefix: 1}\n    groups:\n      contain-elemnt: app\n',
      {
        exists: true,
        uid: 1000,
        groups: ['app'],
      },
    );
    expect(t.lines).toEqual([
      'ok User: app: exists: matches expectation: true',
      "not ok User: app: uid: Error Syntax Error: Invalid 'have-prefix' argument. Expected string value, but received: int: '\\x01'",
      'not ok User: app: groups: Error Syntax Error: Unknown matcher: contain-elemnt',
    ]);
    expect(t.warnings).toEqual(['goss.yaml:4:24: SPEC010', 'goss.yaml:6:7: SPEC009']);
    expect(tap('file:\n  /a:\n    mode: "0644"\n', { exists: true, mode: '0644' }).lines).toEqual([
      'not ok File: /a: exists: Error Syntax Error: Missing required attribute',
      'skip File: /a: mode: skipped',
    ]);
  });

  it('matchers that build but cannot apply: gt with a word, a line pattern that is not a string', () => {
    expect(
      tap('user:\n  app:\n    exists: true\n    uid: {gt: ten}\n', { exists: true, uid: 1000 }).lines[1],
    ).toBe('not ok User: app: uid: Error Expected a number. Got: <string>: ten');
    expect(
      tap('command:\n  x:\n    exit-status: 0\n    stdout: [ok, 3]\n', { 'exit-status': 0, stdout: 'ok\n' })
        .lines,
    ).toEqual([
      'ok Command: x: exit-status: matches expectation: 0',
      'not ok Command: x: stdout: Error HavePatterns matcher expects patterns to be a string. got: <int>: 3',
    ]);
  });

  it('a pattern error reports no missing patterns: goss errors before it reads a line', () => {
    const t = tap('command:\n  x:\n    exit-status: 0\n    stdout: [nope, "/a(/"]\n', {
      'exit-status': 0,
      stdout: 'ok\n',
    });
    expect(t.lines[1]).toMatch(/^not ok Command: x: stdout: Error error parsing regexp: [^[]*$/);
  });

  it('exec: true runs the command `true` (goss decodes any scalar into its string field)', () => {
    const l = load('command:\n  t:\n    exec: true\n    exit-status: 0\n');
    expect(l.diagnostics).toEqual([]);
    expect(l.resources[0]?.options.exec).toBe('true');
  });
});
