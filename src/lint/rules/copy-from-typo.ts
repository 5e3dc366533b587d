import { editDistance } from '../../core/suggest.js';
import type { Rule } from '../rule.js';

export const copyFromTypo: Rule = {
  code: 'SW104',
  name: 'copy-from-unknown-stage',
  severity: 'warning',
  why: 'a --from that names no stage is pulled as an image: a typo becomes a registry lookup',
  check(ctx) {
    const names = ctx.model.stages.flatMap((s) => (s.name ? [s.name] : []));
    const out = [];
    for (const s of ctx.model.stages) {
      for (const r of s.refs) {
        if (r.via === 'from' || !r.image || /[:/@.]/.test(r.image)) continue;
        const near = names.find((n) => editDistance(n, r.image?.toLowerCase() ?? '') <= 2);
        out.push({
          line: r.line,
          message: `--from=${r.ref} names no stage; Docker will look for an image '${r.ref}'${near ? ` (did you mean stage '${near}'?)` : ''}`,
        });
      }
    }
    return out;
  },
};
