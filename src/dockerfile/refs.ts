import type { Range } from '../core/diagnostics.js';
import type { DockerfileModel, Stage, StageRef } from './stage.js';

/**
 * Resolves references exactly as BuildKit's Dockerfile frontend (dockerfile2llb) does:
 * - FROM: the expanded name, as written, matches a stage registered *earlier* (names are stored lower-cased);
 *   anything else, a later stage's name included, is an external image.
 * - COPY --from: a number is a stage index; else a stage name (case-insensitive); else an image. A stage
 *   defined later cannot be copied from ("needs to be defined before current stage"); itself is a cycle.
 * - RUN --mount from=: a stage name (case-insensitive) or an image; no index.
 * References in `unusable` (BuildKit rejected them: DF014) stay unresolved.
 */
export function resolveRefs(
  model: DockerfileModel,
  err: (r: Range, c: string, m: string, s?: 'error' | 'warning') => void,
  unusable: ReadonlySet<StageRef> = new Set(),
): void {
  const byName = new Map<string, Stage>();
  for (const stage of model.stages) {
    const from = stage.refs.find((r) => r.via === 'from');
    if (from) {
      const earlier = byName.get(from.ref);
      if (earlier) from.stage = earlier.key;
      else {
        from.image = from.ref;
        const later = model.stages.find((s) => s.index >= stage.index && s.name === from.ref.toLowerCase());
        const sameButCase = byName.get(from.ref.toLowerCase());
        if (later)
          err(
            from.range,
            'DF010',
            `FROM '${from.ref}' names ${later.index === stage.index ? 'this stage itself' : `a stage defined later (line ${later.line})`}; Docker treats it as an image`,
            'warning',
          );
        else if (sameButCase)
          err(
            from.range,
            'DF013',
            `FROM '${from.ref}' differs from stage '${sameButCase.name}' only in case: Docker matches FROM names exactly and would look for an image`,
          );
      }
    }
    if (stage.name) byName.set(stage.name, stage);
  }
  const all = new Map(model.stages.filter((s) => s.name).map((s) => [s.name as string, s]));
  for (const stage of model.stages) {
    for (const ref of stage.refs) {
      if (ref.via === 'from') continue;
      if (unusable.has(ref)) continue;
      let target: Stage | undefined;
      if (ref.via === 'copy' && /^\d+$/.test(ref.ref)) {
        target = model.stages[Number(ref.ref)];
        if (!target) {
          err(
            ref.range,
            'DF012',
            `--from=${ref.ref}: invalid stage index (the Dockerfile has ${model.stages.length} stages)`,
          );
          continue;
        }
      } else target = all.get(ref.ref.toLowerCase());
      if (!target) {
        ref.image = ref.ref;
        continue;
      }
      if (target.index === stage.index)
        err(ref.range, 'DF011', `--from=${ref.ref} refers to the stage itself (circular dependency)`);
      else if (target.index > stage.index)
        err(
          ref.range,
          'DF012',
          `--from=${ref.ref}: stage '${target.key}' is defined later (line ${target.line}); it must be defined before the stage that uses it`,
        );
      else ref.stage = target.key;
    }
  }
  for (const stage of model.stages) {
    const from = stage.refs.find((r) => r.via === 'from');
    stage.parent = from?.stage ?? null;
    stage.baseImage = from?.image ?? null;
    for (const r of stage.refs) {
      if (r.stage !== null && !stage.dependsOn.includes(r.stage)) stage.dependsOn.push(r.stage);
      if (r.image !== null && r.image !== 'scratch' && !stage.images.includes(r.image))
        stage.images.push(r.image);
    }
  }
}
