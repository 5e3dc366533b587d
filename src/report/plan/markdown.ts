import type { Plan } from '../../plan/plan-types.js';

const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (t: string) => `\`${t.replace(/`/g, "'")}\``;

/** A pull-request comment: a summary line, then one table row per stage with every reason. */
export function planMarkdown(plan: Plan): string {
  const count = (a: string) => plan.stages.filter((s) => s.action === a).length;
  const range = plan.base
    ? `${code(plan.base.slice(0, 12))} → ${plan.worktree ? 'the working tree' : code(plan.head.slice(0, 12))}`
    : `no base → ${code(plan.head.slice(0, 12))}`;
  const out = [
    '### slipway plan',
    '',
    `${count('build')} to build, ${count('test')} to test, ${count('skip')} skipped · ${range} · ${plan.changedFiles} changed file${plan.changedFiles === 1 ? '' : 's'} · base: ${cell(plan.baseSource)}`,
  ];
  if (plan.fallback)
    out.push(
      '',
      `> **Everything is planned:** ${cell(plan.fallback.reason)}${plan.fallback.hint ? `  \n> ${cell(plan.fallback.hint)}` : ''}`,
    );
  out.push('', '| stage | action | why |', '| --- | --- | --- |');
  for (const s of plan.stages) {
    const why = s.reasons.length
      ? s.reasons
          .map((r) =>
            cell(
              r.file && !r.text.includes(r.file)
                ? `${r.text} (${r.file}${r.line ? `:${r.line}` : ''})`
                : r.text,
            ),
          )
          .join('<br>')
      : 'nothing it depends on changed';
    out.push(`| ${code(s.name)} | ${s.action === 'build' ? '**build**' : s.action} | ${why} |`);
  }
  if (plan.buildOrder.length) out.push('', `Build order: ${plan.buildOrder.map(code).join(' → ')}`);
  return out.join('\n');
}
