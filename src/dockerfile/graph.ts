import { UserError } from '../core/errors.js';
import { type DockerfileModel, type Stage, stageByKey } from './stage.js';

/** Stage keys `target` needs (itself included), in the order BuildKit can build them (dependencies first). */
export function buildOrder(model: DockerfileModel, targets: readonly string[]): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (key: string, path: string[]) => {
    const s = stageByKey(model, key) as Stage;
    if (state.get(s.key) === 'done') return;
    if (state.get(s.key) === 'visiting')
      throw new UserError(`circular dependency between stages: ${[...path, s.key].join(' -> ')}`);
    state.set(s.key, 'visiting');
    for (const d of s.dependsOn) visit(d, [...path, s.key]);
    state.set(s.key, 'done');
    order.push(s.key);
  };
  for (const t of targets) visit(t, []);
  return order;
}

/** External images every target needs, transitively. */
export function externalImages(model: DockerfileModel, targets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const key of buildOrder(model, targets))
    for (const img of (stageByKey(model, key) as Stage).images) out.add(img);
  return [...out];
}

/** Stages no other stage depends on: the default targets for "build everything". */
export const leafStages = (model: DockerfileModel): Stage[] =>
  model.stages.filter((s) => !model.stages.some((o) => o.dependsOn.includes(s.key)));
