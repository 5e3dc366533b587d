import { didYouMean } from '../core/suggest.js';
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
  runsAndFails: 'SPEC018',
  ignored: 'SPEC019',
} as const;
export type SpecCode = (typeof SPEC)[keyof typeof SPEC];

export { didYouMean, editDistance } from '../core/suggest.js';

export const suggestion = (word: string, candidates: readonly string[]): string => {
  const near = didYouMean(word, candidates);
  return near ? ` (did you mean '${near}'?)` : '';
};
