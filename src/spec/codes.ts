/** The stable diagnostic codes of the spec loader; documented in the table at the top of load.ts. */
export const SPEC = {
  unreadable: 'SPEC001',
  yaml: 'SPEC002',
  template: 'SPEC003',
  templateUnsupported: 'SPEC004',
  unknownType: 'SPEC005',
  unknownAttribute: 'SPEC006',
  wrongType: 'SPEC007',
  missingRequired: 'SPEC008',
  unknownMatcher: 'SPEC009',
  matcherArgument: 'SPEC010',
  regexp: 'SPEC011',
  semver: 'SPEC012',
  gjson: 'SPEC013',
  missingInclude: 'SPEC014',
  includeCycle: 'SPEC015',
  duplicate: 'SPEC016',
  deprecated: 'SPEC017',
} as const;
export type SpecCode = (typeof SPEC)[keyof typeof SPEC];

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] as number;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] as number;
      dp[j] = Math.min(
        (dp[j] as number) + 1,
        (dp[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return dp[b.length] as number;
}

/** The closest candidate within a small distance, or undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export const suggestion = (word: string, candidates: readonly string[]): string => {
  const near = didYouMean(word, candidates);
  return near ? ` (did you mean '${near}'?)` : '';
};
