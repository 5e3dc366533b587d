import { type Rule, roleStage } from '../rule.js';

export const releaseCopySource: Rule = {
  code: 'SW102',
  name: 'release-copy-source',
  severity: 'warning',
  why: 'the release should take only the artefact the ci stage produced and tested',
  check(ctx) {
    const release = roleStage(ctx, 'release');
    const ci = roleStage(ctx, 'ci');
    if (!release || !ci) return [];
    return release.refs
      .filter((r) => r.via !== 'from' && r.stage !== null && r.stage !== ci.key)
      .map((r) => ({
        line: r.line,
        message: `the release stage copies from '${r.stage}', not from the artefact producer '${ci.key}'`,
      }));
  },
};
