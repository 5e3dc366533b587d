import type { ResourceSchema } from '../declared.js';
import { assert, option } from './common.js';

/**
 * goss resource/matching.go: matches `content` (any YAML value) against `matches`; nothing is probed. goss's
 * newest matching honours `skip: true`; accepting it costs nothing where an older goss would reject it.
 */
export const matching: ResourceSchema = {
  type: 'matching',
  name: 'Matching',
  key: 'a name for the check',
  skippable: true,
  attributes: [
    option('content', 'any', 'the value to check (usually rendered from a template)'),
    assert('matches', 'any', 'the matcher applied to content', { required: true }),
  ],
};
