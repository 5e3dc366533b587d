/** goss resource/matching.go; check/system/matching.ts observes nothing. */
import { assert, option } from './attributes.js';
import type { ResourceModule } from './module.js';

/**
 * Matches `content` (any YAML value) against `matches`; nothing is probed. goss's newest matching honours
 * `skip: true`; accepting it costs nothing where an older goss would reject it.
 */
export const matching: ResourceModule = {
  type: 'matching',
  name: 'Matching',
  key: 'a name for the check',
  skippable: true,
  attributes: [
    option('content', 'any', 'the value to check (usually rendered from a template)'),
    assert('matches', 'any', 'the matcher applied to content', { required: true }),
  ],
  fromSettings: (options) => ({ matches: { value: options.content } }),
};
