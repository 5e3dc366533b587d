/**
 * `slipway test --format`: goss v0.4's output formats (outputs/*.go), printed the way `goss validate` prints
 * them with its default format options, so CI that parses goss output keeps working. For one stage the output
 * is goss's; several stages give one goss block per stage (documentation, rspecish), one TAP stream with a
 * comment line per stage, a <testsuites> of goss suites (junit), or an array of goss documents (json,
 * structured). What slipway adds (the stage, the image, notes about the container) stays out of goss's fields:
 * `note:` lines, TAP and XML comments, a separate `slipway` key in JSON.
 */
import type { CheckReport, CheckResult } from '../../check/check-image.js';
import { goJson, goTime, goTimeSeconds, nanoseconds, seconds3, xmlEscape } from './go-encoding.js';
import {
  FAIL,
  type GossResult,
  gossResult,
  header,
  humanize,
  matcherResultJson,
  SKIP,
  SUCCESS,
} from './goss.js';

/** A result on one line, as goss's tap and junit print it. */
export const summaryLine = (r: CheckResult): string => humanize(gossResult(r), true, true);

/** goss times a run from the first check's start to the last one's end. */
function span(results: readonly CheckResult[]): number {
  if (!results.length) return 0;
  const start = Math.min(...results.map((r) => r.startedAt));
  return Math.max(...results.map((r) => r.startedAt + r.durationMs)) - start;
}

const counts = (gs: readonly GossResult[]) => ({
  count: gs.length,
  failed: gs.filter((g) => g.result === FAIL).length,
  skipped: gs.filter((g) => g.result === SKIP).length,
});

/** goss's results come one resource at a time; its Title/Meta header goes before each resource. */
function byResource(gs: readonly GossResult[]): GossResult[][] {
  const groups: GossResult[][] = [];
  let prev: CheckResult | undefined;
  for (const g of gs) {
    const same = prev && prev.resourceType === g.r.resourceType && prev.resourceId === g.r.resourceId;
    if (same) (groups[groups.length - 1] as GossResult[]).push(g);
    else groups.push([g]);
    prev = g.r;
  }
  return groups;
}

const stageName = (rep: CheckReport) => (rep.label === rep.image ? rep.image : `${rep.label} (${rep.image})`);
const noteLines = (rep: CheckReport, prefix: string) =>
  rep.notes.flatMap((n) => n.split('\n')).map((l) => `${prefix}${l}\n`);

/** Before a stage's goss block: its name when there are several, and slipway's notes. */
const preamble = (rep: CheckReport, several: boolean) =>
  (several ? `== ${stageName(rep)} ==\n` : '') + noteLines(rep, 'note: ').join('');

function failuresAndSummary(rep: CheckReport, groups: readonly GossResult[][]): string {
  let out = '';
  const failedOrSkipped = groups
    .map((g) => g.filter((x) => x.result !== SUCCESS))
    .filter((g) => g.length > 0);
  if (failedOrSkipped.length) {
    out += 'Failures/Skipped:\n\n';
    for (const g of failedOrSkipped) {
      out += header((g[0] as GossResult).r);
      for (const x of g) out += `${humanize(x, false, true)}\n`;
      out += '\n';
    }
  }
  const c = counts(groups.flat());
  return `${out}Total Duration: ${seconds3(span(rep.results))}s\nCount: ${c.count}, Failed: ${c.failed}, Skipped: ${c.skipped}\n`;
}

/** Every result as it is checked (with each resource's Title/Meta), then failures and skips, then counts. */
export function documentation(reports: readonly CheckReport[]): string {
  const block = (rep: CheckReport) => {
    const groups = byResource(rep.results.map(gossResult));
    let out = '';
    for (const g of groups) {
      out += header((g[0] as GossResult).r);
      for (const x of g) out += `${humanize(x, false, true)}\n`;
    }
    return `${out}\n\n${failuresAndSummary(rep, groups)}`;
  };
  return reports.map((rep) => preamble(rep, reports.length > 1) + block(rep)).join('\n');
}

/** A `.`/`F`/`S` per result, then failures and skips, then counts. */
export function rspecish(reports: readonly CheckReport[]): string {
  const block = (rep: CheckReport) => {
    const gs = rep.results.map(gossResult);
    const marks = gs.map((g) => (g.result === SUCCESS ? '.' : g.result === FAIL ? 'F' : 'S')).join('');
    return `${marks}\n\n${failuresAndSummary(rep, byResource(gs))}`;
  };
  return reports.map((rep) => preamble(rep, reports.length > 1) + block(rep)).join('\n');
}

/** TAP: the plan, then one line per result; several stages number on in one stream. */
export function tap(reports: readonly CheckReport[]): string {
  const several = reports.length > 1;
  let out = `1..${reports.reduce((n, rep) => n + rep.results.length, 0)}\n`;
  let i = 0;
  for (const rep of reports) {
    if (several) out += `# ${stageName(rep)}\n`;
    out += noteLines(rep, '# note: ').join('');
    for (const g of rep.results.map(gossResult)) {
      i++;
      const line = humanize(g, true, true);
      out +=
        g.result === SUCCESS
          ? `ok ${i} - ${line}\n`
          : g.result === FAIL
            ? `not ok ${i} - ${line}\n`
            : `ok ${i} - # SKIP ${line}\n`;
    }
  }
  return out;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const xmlComment = (s: string) => `<!-- ${s.replace(/--/g, '- -').replace(/-$/, '- ')} -->`;

/**
 * One stage as goss's <testsuite> (named `goss` by goss; `--junit-dir` files are named after the stage).
 * Notes go in XML comments. As in goss, the failure text leaves out the value before conversion.
 */
export function junitSuite(rep: CheckReport, name = rep.label): string {
  const gs = rep.results.map(gossResult);
  const c = counts(gs);
  const cases = gs.map((g) => {
    const time = (nanoseconds(g.r.durationMs) / 1e9).toFixed(3);
    const text = xmlEscape(humanize(g, true, false));
    const open = `<testcase name="${g.r.resourceType} ${xmlEscape(g.r.resourceId)} ${g.r.property}" time="${time}">\n`;
    if (g.result === FAIL)
      return `${open}<system-err>${text}</system-err>\n<failure>${text}</failure>\n</testcase>\n`;
    return `${open}${g.result === SKIP ? '<skipped/>' : ''}<system-out>${text}</system-out>\n</testcase>\n`;
  });
  const notes = rep.notes.map((n) => `${xmlComment(`slipway note: ${n}`)}\n`);
  return (
    `<testsuite name="${xmlEscape(name)}" errors="0" tests="${c.count}" failures="${c.failed}" skipped="${c.skipped}" ` +
    `time="${seconds3(span(rep.results))}" timestamp="${goTimeSeconds(Date.now())}">\n` +
    `${notes.join('')}${cases.join('')}</testsuite>`
  );
}

export const junit = (reports: readonly CheckReport[]): string =>
  reports.length === 1
    ? `${XML_DECLARATION}\n${junitSuite(reports[0] as CheckReport, 'goss')}\n`
    : `${XML_DECLARATION}\n<testsuites>\n${reports.map((r) => junitSuite(r)).join('\n')}\n</testsuites>\n`;

/** slipway's own part of a JSON document, apart from goss's fields. */
const slipwayPart = (rep: CheckReport) => ({ stage: rep.label, image: rep.image, notes: rep.notes });

/** goss's TestResult fields, in its struct's order. */
const testResultFields = (g: GossResult, successful: boolean): [string, unknown][] => [
  ['successful', successful],
  ['skipped', g.result === SKIP],
  ['resource-id', g.r.resourceId],
  ['resource-type', g.r.resourceType],
  ['property', g.r.property],
  ['title', g.r.title],
  ['meta', g.r.meta],
  ['result', g.result],
  ['err', g.err],
  ['matcher-result', matcherResultJson(g.matcher)],
  ['start-time', goTime(g.r.startedAt)],
  ['end-time', goTime(g.r.startedAt + g.r.durationMs)],
  ['duration', nanoseconds(g.r.durationMs)],
];

/** A goss struct re-read as a Go map: every object's keys sorted, as goss's json output has them. */
const asGoMap = (v: unknown): unknown =>
  v instanceof Map
    ? Object.fromEntries([...v.entries()].map(([k, x]) => [k, asGoMap(x)]))
    : Array.isArray(v)
      ? v.map(asGoMap)
      : v;

const oneLine = (docs: unknown[]) => `${goJson(docs.length === 1 ? docs[0] : docs, { html: true })}\n`;

/** goss's json: `results` (sorted keys, `successful` false only for failures) and `summary`, on one line. */
export function json(reports: readonly CheckReport[]): string {
  return oneLine(
    reports.map((rep) => {
      const gs = rep.results.map(gossResult);
      const c = counts(gs);
      const ms = span(rep.results);
      return {
        results: gs.length
          ? gs.map((g) => ({
              ...(asGoMap(new Map(testResultFields(g, g.result !== FAIL))) as object),
              'summary-line': humanize(g, false, true),
              'summary-line-compact': humanize(g, true, true),
            }))
          : null,
        slipway: slipwayPart(rep),
        summary: {
          'test-count': c.count,
          'failed-count': c.failed,
          'skipped-count': c.skipped,
          'total-duration': nanoseconds(ms),
          'summary-line': `Count: ${c.count}, Failed: ${c.failed}, Skipped: ${c.skipped}, Duration: ${seconds3(ms)}s`,
        },
      };
    }),
  );
}

/**
 * goss's structured: its TestResult structs as they are (so `successful` is false throughout: goss never sets
 * it there), `summary` without a skipped count, and a top-level `summary-line`; on one line.
 */
export function structured(reports: readonly CheckReport[]): string {
  return oneLine(
    reports.map((rep) => {
      const gs = rep.results.map(gossResult);
      const c = counts(gs);
      const ms = span(rep.results);
      return new Map<string, unknown>([
        [
          'results',
          gs.map(
            (g) =>
              new Map([
                ...testResultFields(g, false),
                ['summary-line', humanize(g, false, true)],
                ['summary-line-compact', humanize(g, true, true)],
              ]),
          ),
        ],
        [
          'summary',
          new Map<string, unknown>([
            ['test-count', c.count],
            ['failed-count', c.failed],
            ['total-duration', nanoseconds(ms)],
          ]),
        ],
        ['summary-line', `Count: ${c.count}, Failed: ${c.failed}, Duration: ${seconds3(ms)}s`],
        ['slipway', slipwayPart(rep)],
      ]);
    }),
  );
}

export const silent = (_reports?: readonly CheckReport[]) => '';

export const CHECK_FORMATS = { documentation, json, junit, tap, rspecish, structured, silent } as const;
export type CheckFormat = keyof typeof CHECK_FORMATS;
