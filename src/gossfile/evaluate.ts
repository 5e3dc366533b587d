/**
 * How a declared resource compares against an observation, as goss's resource/*.go `Validate` does: each
 * property in order; `skip: true` skips all; when the gate (the first property: `exists`, `installed`,
 * `listening`, `resolvable`, `status`) fails, errors, or observes `false`, every later property is skipped.
 * Pure: the observation (what a probe saw, one value or error per property) comes in as data; a `matching`
 * resource needs none (its module reads it from its `content`). Each outcome carries what goss's TestResult does
 * (resource/validate.go): its `err` and its `matcher-result`, decided here once.
 */

import type { DeclaredResource } from './declared.js';
import type { MatchReport, MatchResult } from './matchers/types.js';
import { report, ZERO_REPORT } from './matchers/types.js';
import type { Observed } from './observation.js';
import { RESOURCES } from './resources/index.js';

export interface PropertyOutcome {
  property: string;
  /** The name goss prints (`linkedto`, `Body`, `version`...). */
  resultProperty: string;
  outcome: 'pass' | 'fail' | 'skip';
  /** The matcher in slipway's words (`equal "root"`). */
  expected: string;
  /** What was observed, when it could be read (and the matcher could be built). */
  actual?: unknown;
  /** slipway's wording of a failure, or the error. */
  message?: string;
  /** goss's `err`: the value could not be read, or the matcher could not be built or applied to it. */
  error?: string;
  /** goss's `matcher-result`: zero when skipped or nothing was compared. */
  report: MatchReport;
  /** The match as the matcher ran it (the tree of its members' results), when it ran. */
  result?: MatchResult;
}

export function evaluate(
  resource: DeclaredResource,
  observe: (property: string) => Observed,
): PropertyOutcome[] {
  const { gate, fromSettings } = RESOURCES[resource.type];
  const own = fromSettings?.(resource.options);
  let skipping = resource.skip;
  const out: PropertyOutcome[] = [];
  for (const [i, p] of resource.properties.entries()) {
    const base = { property: p.name, resultProperty: p.resultProperty, expected: p.expected.describe() };
    if (skipping) {
      out.push({ ...base, outcome: 'skip', report: ZERO_REPORT });
      continue;
    }
    const seen: Observed = own ? (own[p.name] ?? { error: `no value for '${p.name}'` }) : observe(p.name);
    if ('error' in seen)
      out.push({ ...base, outcome: 'fail', message: seen.error, error: seen.error, report: ZERO_REPORT });
    else {
      const r = p.expected.test(seen.value);
      const message = r.message ?? '';
      // goss could not build the matcher: nothing was compared, the result is its error alone.
      if (r.unbuilt) out.push({ ...base, outcome: 'fail', message, error: message, report: ZERO_REPORT });
      else
        out.push({
          ...base,
          outcome: r.ok ? 'pass' : 'fail',
          actual: seen.value,
          ...(r.message ? { message: r.message } : {}),
          ...(r.error ? { error: message } : {}),
          report: r.ok ? report(seen.value, 'matches expectation', p.value) : r.failure,
          result: r,
        });
    }
    const last = out[out.length - 1] as PropertyOutcome;
    const isGate = i === 0 && gate !== undefined && p.resultProperty === gate;
    if (isGate && (last.outcome !== 'pass' || last.actual === false)) skipping = true;
  }
  return out;
}
