import type { Rule } from '../rule.js';

export const unpinnedBase: Rule = {
  code: 'SW105',
  name: 'unpinned-base-image',
  severity: 'warning',
  why: 'an untagged or latest base image changes under you: builds stop being repeatable',
  check(ctx) {
    return ctx.model.stages
      .filter((s) => s.baseImage && s.baseImage !== 'scratch')
      .flatMap((s) => {
        const ref = s.baseImage as string;
        if (ref.includes('@')) return [];
        const last = ref.slice(ref.lastIndexOf('/') + 1);
        const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : null;
        if (tag && tag !== 'latest') return [];
        return [
          {
            line: s.line,
            message: `base image '${ref}' ${tag ? "uses the 'latest' tag" : 'has no tag'}: pin a version (or a digest)`,
          },
        ];
      });
  },
};
