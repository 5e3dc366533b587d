import { isMap, isScalar, type Node } from 'yaml';
import { type Diagnostic, diagnostic, type Range } from '../core/diagnostics.js';
import { didYouMean } from '../core/suggest.js';
import type { Growth, StageBudget } from './config.js';
import { CONFIG_CODES, type Err, type Raw, readMap } from './nodes.js';

const BUDGET_KEYS = ['maxSize', 'maxGrowth'] as const;

/** Decimal units as slipway prints sizes (MB = 10^6 bytes), and the binary ones for those who mean them. */
const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** `340MB`, `1.2GB`, `900 MB`, `512MiB` → bytes; null when it is not a size with a unit. */
export function parseSize(text: string): number | null {
  const m = text.trim().match(/^(\d+(?:\.\d+)?)\s*([a-z]+)$/i);
  if (!m) return null;
  const unit = UNITS[(m[2] as string).toLowerCase()];
  return unit === undefined ? null : Math.round(Number(m[1]) * unit);
}

/** `5%` → {percent: 5}; `20MB` → {bytes}; null otherwise. */
export function parseGrowth(text: string): Growth | null {
  const pct = text.trim().match(/^(\d+(?:\.\d+)?)\s*%$/);
  if (pct) return { percent: Number(pct[1]) };
  const bytes = parseSize(text);
  return bytes === null ? null : { bytes };
}

const scalarText = (n: Node | undefined): string | null =>
  isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : null;

/**
 * `budgets: { <stage>: { maxSize: 340MB, maxGrowth: 5% } }`. Sizes are what the engine reports for an image
 * (uncompressed, `docker image inspect` Size). Stage names are checked against the Dockerfile later
 * (`budgetStageDiagnostics`): the config is read before the Dockerfile.
 */
export function parseBudgets(node: Node, err: Err, at: (n: Node | null | undefined) => Range): StageBudget[] {
  const out: StageBudget[] = [];
  if (!isMap(node)) {
    err(node, 'budgets: expected a mapping of stage name to { maxSize, maxGrowth }');
    return out;
  }
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const stage = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    if (!isMap(value)) {
      err(value ?? keyNode, `budgets.${stage}: expected a mapping with maxSize and/or maxGrowth`);
      continue;
    }
    const raw: Raw = {};
    readMap(value, BUDGET_KEYS, raw, err, `budgets.${stage}.`);
    const budget: StageBudget = { stage, maxSize: null, maxGrowth: null, range: at(keyNode) };
    if (raw.maxSize !== undefined) {
      const text = scalarText(raw.maxSize);
      const bytes = text === null ? null : parseSize(text);
      if (bytes === null || bytes <= 0)
        err(
          raw.maxSize,
          `budgets.${stage}.maxSize: expected a size with a unit, e.g. 340MB, 1.2GB or 900 MB (MB = 10^6 bytes)`,
        );
      else budget.maxSize = { bytes, text: (text as string).trim() };
    }
    if (raw.maxGrowth !== undefined) {
      const text = scalarText(raw.maxGrowth);
      const growth = text === null ? null : parseGrowth(text);
      if (growth === null)
        err(
          raw.maxGrowth,
          `budgets.${stage}.maxGrowth: expected a percentage (5%) or a size (20MB) of growth since the previous run`,
        );
      else budget.maxGrowth = { ...growth, text: (text as string).trim() };
    }
    if (raw.maxSize === undefined && raw.maxGrowth === undefined)
      err(value, `budgets.${stage}: expected maxSize and/or maxGrowth`);
    out.push(budget);
  }
  return out;
}

/** Budgets naming a stage the Dockerfile does not have: one located error each, listing the stages. */
export function budgetStageDiagnostics(
  budgets: readonly StageBudget[],
  stages: readonly string[],
  file: string,
): Diagnostic[] {
  return budgets
    .filter((b) => !stages.includes(b.stage))
    .map((b) => {
      const near = didYouMean(b.stage, stages);
      return diagnostic(
        CONFIG_CODES.stage,
        file,
        b.range,
        `budgets: '${b.stage}' is not a stage of the Dockerfile${near ? ` (did you mean '${near}'?)` : ''}; stages: ${stages.join(', ')}`,
      );
    });
}
