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
        const near = names.find((n) => distance(n, r.image?.toLowerCase() ?? '') <= 2);
        out.push({
          line: r.line,
          message: `--from=${r.ref} names no stage; Docker will look for an image '${r.ref}'${near ? ` (did you mean stage '${near}'?)` : ''}`,
        });
      }
    }
    return out;
  },
};

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] as number;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = dp[j] as number;
      dp[j] = Math.min(
        (dp[j] as number) + 1,
        (dp[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = t;
    }
  }
  return dp[b.length] as number;
}
