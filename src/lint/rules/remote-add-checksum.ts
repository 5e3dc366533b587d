import type { Rule } from '../rule.js';

export const remoteAddChecksum: Rule = {
  code: 'SW108',
  name: 'remote-add-without-checksum',
  severity: 'warning',
  why: 'a download without a checksum can change or be tampered with between builds',
  check(ctx) {
    return ctx.model.stages.flatMap((s) =>
      s.instructions
        .filter(
          (i) =>
            i.keyword === 'ADD' &&
            !i.flags.checksum &&
            i.argv.slice(0, -1).some((a) => /^https?:\/\//i.test(a)),
        )
        .map((i) => ({ line: i.line, message: 'ADD of a remote URL without --checksum=sha256:...' })),
    );
  },
};
