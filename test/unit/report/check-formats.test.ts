import { describe, expect, it } from 'vitest';
import { type CheckReport, type CheckResult, resultsOf } from '../../../src/check/check-image.js';
import {
  compileMatcher,
  type DeclaredResource,
  evaluate,
  type Matcher,
} from '../../../src/gossfile/index.js';
import { gossResult, humanize } from '../../../src/report/check/goss.js';
import { CHECK_FORMATS, junitSuite, summaryLine } from '../../../src/report/check/index.js';

// The expected texts below are goss v0.4's output for the same results (outputs/*.go with the default
// format options, no colour): any drift in wording, field names, order or spacing fails here.

const T = Date.UTC(2024, 4, 1, 12, 0, 0, 0);
const AT = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

interface Case extends Partial<Pick<CheckResult, 'resourceType' | 'resourceId' | 'title' | 'meta'>> {
  property?: string;
  /** The spec's value for the property; a list of line patterns when `patterns`. */
  expectedValue?: unknown;
  patterns?: boolean;
  found?: unknown;
  /** The property could not be read. */
  error?: string;
  skip?: boolean;
  startedAt?: number;
  durationMs?: number;
}

/** One property's result as slipway's evaluation gives it: the spec's value matched against what was found. */
function res(c: Case): CheckResult {
  const property = c.property ?? 'exists';
  const value = 'expectedValue' in c ? c.expectedValue : true;
  const expected = compileMatcher(value, { patterns: c.patterns ?? false }).matcher as Matcher;
  const r: DeclaredResource = {
    type: 'file',
    id: c.resourceId ?? '/etc/passwd',
    ...(c.title ? { title: c.title } : {}),
    ...(c.meta ? { meta: c.meta } : {}),
    skip: c.skip ?? false,
    properties: [{ name: property, resultProperty: property, value, expected, range: AT }],
    options: {},
    file: 'goss.yaml',
    range: AT,
  };
  const seen = c.error === undefined ? { value: 'found' in c ? c.found : true } : { error: c.error };
  const [result] = resultsOf(
    r,
    evaluate(r, () => seen),
    c.startedAt ?? T,
    c.durationMs ?? 2,
  );
  return { ...(result as CheckResult), resourceType: c.resourceType ?? 'File' };
}

const pass = res({});
const modeFail = res({ property: 'mode', expectedValue: '0644', found: '0600' });
const ownerSkip = res({ property: 'owner', expectedValue: 'root', skip: true });
const httpError = res({
  resourceType: 'HTTP',
  resourceId: 'http://localhost:8080/',
  title: 'web answers',
  meta: { team: 'web', sev: 1 },
  property: 'status',
  expectedValue: 200,
  error: 'dial tcp 127.0.0.1:8080: connect:  connection refused',
  startedAt: T + 3,
  durationMs: 5,
});

const report = (results: CheckResult[], over: Partial<CheckReport> = {}): CheckReport => ({
  image: 'img:1',
  label: 'release',
  results,
  durationMs: 1234,
  notes: [],
  ok: !results.some((r) => r.outcome === 'fail'),
  ...over,
});
const rep = report([pass, modeFail, ownerSkip, httpError]);

const FAILURES = `File: /etc/passwd: mode:
Expected
    "0600"
to equal
    "0644"
diff
    --- test
    +++ actual
    @@ -1 +1 @@
    -0644
    +0600
File: /etc/passwd: owner: skipped

Title: web answers
Meta:
    sev: 1
    team: web
HTTP: http://localhost:8080/: status:
Error
    dial tcp 127.0.0.1:8080: connect:  connection refused

Total Duration: 0.008s
Count: 4, Failed: 2, Skipped: 1
`;

describe('goss documentation and rspecish', () => {
  it('documentation: every result (Title/Meta before its resource), two blank lines, failures/skips, counts', () => {
    expect(CHECK_FORMATS.documentation([rep])).toBe(
      `File: /etc/passwd: exists: matches expectation: true
File: /etc/passwd: mode:
Expected
    "0600"
to equal
    "0644"
diff
    --- test
    +++ actual
    @@ -1 +1 @@
    -0644
    +0600
File: /etc/passwd: owner: skipped
Title: web answers
Meta:
    sev: 1
    team: web
HTTP: http://localhost:8080/: status:
Error
    dial tcp 127.0.0.1:8080: connect:  connection refused


Failures/Skipped:

${FAILURES}`,
    );
  });

  it('rspecish: a mark per result, then the same failures and counts', () => {
    expect(CHECK_FORMATS.rspecish([rep])).toBe(`.FSF\n\nFailures/Skipped:\n\n${FAILURES}`);
  });

  it('all passing: no failures section; the duration runs from the first start to the last end', () => {
    const ok = report([
      pass,
      res({ property: 'mode', expectedValue: '0644', found: '0644', startedAt: T + 1500 }),
    ]);
    expect(CHECK_FORMATS.documentation([ok])).toBe(
      'File: /etc/passwd: exists: matches expectation: true\n' +
        'File: /etc/passwd: mode: matches expectation: "0644"\n\n\n' +
        'Total Duration: 1.502s\nCount: 2, Failed: 0, Skipped: 0\n',
    );
    expect(CHECK_FORMATS.rspecish([report([])])).toBe(
      '\n\nTotal Duration: 0.000s\nCount: 0, Failed: 0, Skipped: 0\n',
    );
  });
});

describe('goss tap and junit', () => {
  it('tap: the plan, then one compact line per result', () => {
    expect(CHECK_FORMATS.tap([rep])).toBe(
      `1..4
ok 1 - File: /etc/passwd: exists: matches expectation: true
not ok 2 - File: /etc/passwd: mode: Expected "0600" to equal "0644"
ok 3 - # SKIP File: /etc/passwd: owner: skipped
not ok 4 - HTTP: http://localhost:8080/: status: Error dial tcp 127.0.0.1:8080: connect: connection refused
`,
    );
  });

  it('junit: one testsuite named goss, system-out / skipped / system-err + failure, Go XML escaping', () => {
    const xml = CHECK_FORMATS.junit([rep]);
    expect(xml.replace(/timestamp="[^"]*"/, 'timestamp="T"')).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="goss" errors="0" tests="4" failures="2" skipped="1" time="0.008" timestamp="T">
<testcase name="File /etc/passwd exists" time="0.002">
<system-out>File: /etc/passwd: exists: matches expectation: true</system-out>
</testcase>
<testcase name="File /etc/passwd mode" time="0.002">
<system-err>File: /etc/passwd: mode: Expected &#34;0600&#34; to equal &#34;0644&#34;</system-err>
<failure>File: /etc/passwd: mode: Expected &#34;0600&#34; to equal &#34;0644&#34;</failure>
</testcase>
<testcase name="File /etc/passwd owner" time="0.002">
<skipped/><system-out>File: /etc/passwd: owner: skipped</system-out>
</testcase>
<testcase name="HTTP http://localhost:8080/ status" time="0.005">
<system-err>HTTP: http://localhost:8080/: status: Error dial tcp 127.0.0.1:8080: connect: connection refused</system-err>
<failure>HTTP: http://localhost:8080/: status: Error dial tcp 127.0.0.1:8080: connect: connection refused</failure>
</testcase>
</testsuite>
`,
    );
    expect(xml).toMatch(/ timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">/);
  });

  it('junit leaves out the raw value (goss junit has include_raw off); --junit-dir suites carry the stage name', () => {
    const chain = res({ property: 'size', expectedValue: { gt: 10 }, found: '3' });
    const suite = junitSuite(report([chain]));
    expect(suite).toMatch(
      /^<testsuite name="release" errors="0" tests="1" failures="1" skipped="0" time="0.002"/,
    );
    expect(suite).toContain(
      '<failure>File: /etc/passwd: size: Expected 3 to be numerically gt 10 the transform chain was [{&#34;to-numeric&#34;:{}}]</failure>',
    );
    expect(suite.endsWith('</testsuite>')).toBe(true);
  });
});

describe('goss json and structured', () => {
  it('json: one line, Go map key order, successful false only for failures, durations in ns', () => {
    const text = CHECK_FORMATS.json([rep]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.trimEnd()).not.toContain('\n');
    const j = JSON.parse(text) as { results: Record<string, unknown>[]; summary: unknown; slipway: unknown };
    expect(Object.keys(j)).toEqual(['results', 'slipway', 'summary']);
    expect(Object.keys(j.results[0] as object)).toEqual([
      'duration',
      'end-time',
      'err',
      'matcher-result',
      'meta',
      'property',
      'resource-id',
      'resource-type',
      'result',
      'skipped',
      'start-time',
      'successful',
      'summary-line',
      'summary-line-compact',
      'title',
    ]);
    const zero = {
      actual: null,
      expected: null,
      'extra-elements': null,
      'found-elements': null,
      message: '',
      'missing-elements': null,
      'transform-chain': null,
      'untransformed-value': null,
    };
    expect(j.results).toEqual([
      {
        duration: 2_000_000,
        'end-time': '2024-05-01T12:00:00.002Z',
        err: null,
        'matcher-result': { ...zero, actual: true, expected: true, message: 'matches expectation' },
        meta: null,
        property: 'exists',
        'resource-id': '/etc/passwd',
        'resource-type': 'File',
        result: 0,
        skipped: false,
        'start-time': '2024-05-01T12:00:00Z',
        successful: true,
        'summary-line': 'File: /etc/passwd: exists: matches expectation: true',
        'summary-line-compact': 'File: /etc/passwd: exists: matches expectation: true',
        title: '',
      },
      expect.objectContaining({
        'matcher-result': {
          ...zero,
          actual: '0600',
          expected: '0644',
          message: 'to equal',
          'untransformed-value': '0600',
        },
        result: 1,
        successful: false,
        'summary-line':
          'File: /etc/passwd: mode:\nExpected\n    "0600"\nto equal\n    "0644"\ndiff\n    --- test\n    +++ actual\n    @@ -1 +1 @@\n    -0644\n    +0600',
        'summary-line-compact': 'File: /etc/passwd: mode: Expected "0600" to equal "0644"',
      }),
      expect.objectContaining({ 'matcher-result': zero, result: 2, skipped: true, successful: true }),
      expect.objectContaining({
        err: 'dial tcp 127.0.0.1:8080: connect:  connection refused',
        'matcher-result': zero,
        meta: { sev: 1, team: 'web' },
        result: 1,
        'start-time': '2024-05-01T12:00:00.003Z',
        'end-time': '2024-05-01T12:00:00.008Z',
        title: 'web answers',
      }),
    ]);
    expect(j.summary).toEqual({
      'failed-count': 2,
      'skipped-count': 1,
      'summary-line': 'Count: 4, Failed: 2, Skipped: 1, Duration: 0.008s',
      'test-count': 4,
      'total-duration': 8_000_000,
    });
    expect(j.slipway).toEqual({ image: 'img:1', notes: [], stage: 'release' });
  });

  it('json escapes <, > and & as Go does; goss prints them unescaped in the summary lines themselves', () => {
    const r = res({ property: 'contents', expectedValue: ['<b>&'], patterns: true, found: 'x' });
    const text = CHECK_FORMATS.json([report([r])]);
    expect(text).toContain('"expected":["\\u003cb\\u003e\\u0026"]');
    expect(summaryLine(r)).toContain('to have patterns ["<b>&"]');
  });

  it('structured: the TestResult struct in field order (goss leaves successful false), no skipped count', () => {
    const s = JSON.parse(CHECK_FORMATS.structured([rep])) as {
      results: Record<string, unknown>[];
      summary: unknown;
      'summary-line': string;
    };
    expect(Object.keys(s)).toEqual(['results', 'summary', 'summary-line', 'slipway']);
    expect(Object.keys(s.results[1] as object)).toEqual([
      'successful',
      'skipped',
      'resource-id',
      'resource-type',
      'property',
      'title',
      'meta',
      'result',
      'err',
      'matcher-result',
      'start-time',
      'end-time',
      'duration',
      'summary-line',
      'summary-line-compact',
    ]);
    expect(Object.keys((s.results[1] as { 'matcher-result': object })['matcher-result'])).toEqual([
      'actual',
      'message',
      'expected',
      'missing-elements',
      'found-elements',
      'extra-elements',
      'transform-chain',
      'untransformed-value',
    ]);
    expect(s.results.map((x) => [x.result, x.successful, x.skipped])).toEqual([
      [0, false, false],
      [1, false, false],
      [2, false, true],
      [1, false, false],
    ]);
    expect(s.summary).toEqual({ 'test-count': 4, 'failed-count': 2, 'total-duration': 8_000_000 });
    expect(s['summary-line']).toBe('Count: 4, Failed: 2, Duration: 0.008s');
  });

  it('silent prints nothing', () => {
    expect(CHECK_FORMATS.silent([rep])).toBe('');
  });
});

describe("goss's failure wording per matcher", () => {
  const fail = (expectedValue: unknown, found: unknown, over: Case = {}) => {
    const r = res({ property: 'p', expectedValue, found, ...over });
    expect(r.outcome).toBe('fail');
    return summaryLine(r);
  };
  const head = 'File: /etc/passwd: p:';

  it('values, conversions and the raw value', () => {
    expect(fail(3, 4)).toBe(`${head} Expected 4 to be numerically eq 3`);
    expect(fail(3, '4')).toBe(
      `${head} Expected 4 to be numerically eq 3 the transform chain was [{"to-numeric":{}}] the raw value was "4"`,
    );
    expect(fail('10', 11)).toBe(
      `${head} Expected "11" to equal "10" the transform chain was [{"to-string":{}}] the raw value was 11`,
    );
    expect(fail({ equal: '10' }, 11)).toBe(`${head} Expected 11 to equal "10"`);
    expect(fail({ 'match-regexp': '^v24' }, 'v20')).toBe(
      `${head} Expected "v20" to match regular expression "^v24"`,
    );
    expect(fail({ 'have-len': 2 }, ['a'])).toBe(`${head} Expected ["a"] to have length 2`);
    expect(fail({ 'semver-constraint': '>=2.0.0' }, '1.0.0')).toBe(
      `${head} Expected "1.0.0" to satisfy semver constraint ">=2.0.0"`,
    );
  });

  it('lists: missing and extra elements', () => {
    expect(fail(['root', 'wheel'], ['root'])).toBe(
      `${head} Expected ["root"] to contain elements matching ["root","wheel"] the missing elements were ["wheel"]`,
    );
    expect(fail({ 'consist-of': ['a', 'b'] }, ['a', 'c'])).toBe(
      `${head} Expected ["a","c"] to consist of ["a","b"] the missing elements were ["b"] the extra elements were ["c"]`,
    );
    expect(fail({ 'contain-element': { gt: 5 } }, '1\n2')).toBe(
      `${head} Expected ["1","2"] to contain element matching {"gt":5} the transform chain was [{"to-array":{}}] the raw value was "1\\n2"`,
    );
    // no element could be compared: gomega's ContainElement reports the last member's error
    expect(fail({ 'contain-element': { gt: 5 } }, 'x\ny')).toBe(
      `${head} Error matchers.ToNumeric{}: strconv.ParseFloat: parsing "y": invalid syntax the transform chain was [{"to-array":{}}] the raw value was "x\\ny"`,
    );
    expect(fail({ 'have-key': 'a' }, { b: 1 })).toBe(`${head} Expected {"b":1} to have key matching "a"`);
  });

  it('and reports its first failing member; or lists its members; not negates', () => {
    expect(fail({ and: [{ 'have-prefix': 'v' }, { 'have-suffix': '.0' }] }, 'v1.1')).toBe(
      `${head} Expected "v1.1" to have suffix ".0"`,
    );
    expect(fail({ or: [1, { gt: 5 }] }, 3)).toBe(
      `${head} Expected 3 to satisfy at least one of these matchers [{"eq":1},{"gt":5}]`,
    );
    expect(fail({ not: { 'contain-substring': 'err' } }, 'an error')).toBe(
      `${head} Expected "an error" not to contain substring "err"`,
    );
    expect(fail({ not: { and: [1, { lt: 2 }] } }, 1)).toBe(
      `${head} Expected 1 not to satisfy all of these matchers [{"eq":1},{"lt":2}]`,
    );
  });

  it('line patterns and gjson', () => {
    expect(
      fail(['/^v24/', '!error'], 'v20\nok\n', {
        resourceType: 'Command',
        resourceId: 'node -v',
        property: 'stdout',
        patterns: true,
      }),
    ).toBe(
      'Command: node -v: stdout: Expected "v20\\nok\\n" to have patterns ["/^v24/","!error"] the missing elements were ["/^v24/"]',
    );
    expect(fail({ gjson: { 'a.b': 2 } }, '{"a":{"b":3}}')).toBe(
      `${head} Expected 3 to be numerically eq 2 the transform chain was [{"gjson":{"Path":"a.b"}}] the raw value was "{\\"a\\":{\\"b\\":3}}"`,
    );
  });

  it('a matcher that cannot be applied reports its error, keeping the matcher detail', () => {
    const msg = 'matchers.ToNumeric{}: strconv.ParseFloat: parsing "abc": invalid syntax';
    expect(fail(3, 'abc')).toBe(
      `${head} Error ${msg} the transform chain was [{"to-numeric":{}}] the raw value was "abc"`,
    );
  });
});

describe("goss's diff of two texts, in the long form only (outputs.go maybeAddDiff)", () => {
  const long = (expectedValue: unknown, found: unknown) =>
    humanize(gossResult(res({ property: 'p', expectedValue, found })), false, true);

  it('one line of context; hunks apart when more than two lines between changes', () => {
    expect(long('a\nb\nc\nd\ne\nf\n', 'a\nB\nc\nd\ne\nF\n')).toBe(
      `File: /etc/passwd: p:
Expected
    "a\\nB\\nc\\nd\\ne\\nF\\n"
to equal
    "a\\nb\\nc\\nd\\ne\\nf\\n"
diff
    --- test
    +++ actual
    @@ -1,3 +1,3 @@
     a
    -b
    +B
     c
    @@ -5,3 +5,3 @@
     e
    -f
    +F
     `,
    );
  });

  it('any two strings (have-prefix too); never in the compact form, for an error, or for other values', () => {
    expect(long({ 'have-prefix': 'g' }, 'foo')).toContain(
      'diff\n    --- test\n    +++ actual\n    @@ -1 +1 @@\n    -g\n    +foo',
    );
    expect(summaryLine(res({ property: 'p', expectedValue: 'g', found: 'foo' }))).not.toContain('diff');
    expect(long(3, 4)).not.toContain('diff');
    expect(long({ gjson: { a: 'x' } }, '{}')).not.toContain('diff');
  });
});

describe('several stages', () => {
  const other = report([modeFail], {
    label: 'base',
    image: 'img:base',
    notes: ['container exited (code 1)'],
  });

  it('documentation and rspecish: a header line per stage, notes apart, each block as goss prints it', () => {
    const text = CHECK_FORMATS.rspecish([report([pass]), other]);
    expect(text).toBe(
      `== release (img:1) ==
.

Total Duration: 0.002s
Count: 1, Failed: 0, Skipped: 0

== base (img:base) ==
note: container exited (code 1)
F

Failures/Skipped:

File: /etc/passwd: mode:
Expected
    "0600"
to equal
    "0644"
diff
    --- test
    +++ actual
    @@ -1 +1 @@
    -0644
    +0600

Total Duration: 0.002s
Count: 1, Failed: 1, Skipped: 0
`,
    );
    expect(CHECK_FORMATS.documentation([other])).toMatch(/^note: container exited \(code 1\)\nFile: /);
  });

  it('tap: one plan over all stages, a comment per stage and note', () => {
    expect(CHECK_FORMATS.tap([report([pass]), other])).toBe(
      `1..2
# release (img:1)
ok 1 - File: /etc/passwd: exists: matches expectation: true
# base (img:base)
# note: container exited (code 1)
not ok 2 - File: /etc/passwd: mode: Expected "0600" to equal "0644"
`,
    );
  });

  it('junit: <testsuites> of suites named after the stages; json and structured: an array', () => {
    const xml = CHECK_FORMATS.junit([report([pass]), other]);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites>\n<testsuite name="release" /,
    );
    expect(xml).toContain('<testsuite name="base" ');
    expect(xml).toContain('<!-- slipway note: container exited (code 1) -->');
    expect(xml.endsWith('</testsuite>\n</testsuites>\n')).toBe(true);
    const j = JSON.parse(CHECK_FORMATS.json([report([pass]), other])) as { slipway: unknown }[];
    expect(j.map((x) => x.slipway)).toEqual([
      { stage: 'release', image: 'img:1', notes: [] },
      { stage: 'base', image: 'img:base', notes: ['container exited (code 1)'] },
    ]);
    expect(JSON.parse(CHECK_FORMATS.structured([report([pass]), other]))).toHaveLength(2);
  });
});
