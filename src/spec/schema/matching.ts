import type { ResourceSchema } from '../model.js';
import { assert, option } from './common.js';

/** goss resource/matching.go: matches `content` (any YAML value) against `matches`; nothing is probed. */
export const matching: ResourceSchema = {
  type: 'matching',
  name: 'Matching',
  key: 'a name for the check',
  skippable: false,
  attributes: [
    option('content', 'any', 'the value to check (usually rendered from a template)'),
    assert('matches', 'any', 'the matcher applied to content', { required: true }),
  ],
};
