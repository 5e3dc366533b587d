import { applyIgnore, type IgnoreRules } from '../context/dockerignore.js';
import { ContextIndex, selectSource } from '../context/sources.js';
import type { DockerfileModel } from '../dockerfile/stage.js';

/**
 * Whether a stage's COPY/ADD/bind-mount sources select a file (relative to the repository root) from the build
 * context (`context`: its directory relative to the repository root, '' for the root), after the ignore file.
 */
export function contextReader(
  model: DockerfileModel,
  ignore: IgnoreRules,
  context: string,
): (stage: string, path: string) => boolean {
  return (stage, path) => {
    const prefix = context ? `${context}/` : '';
    if (!path.startsWith(prefix)) return false;
    const index = new ContextIndex(applyIgnore([path.slice(prefix.length)], ignore));
    const s = model.stages.find((x) => x.key === stage);
    return Boolean(
      s?.inputs.some(
        (i) =>
          i.kind === 'context' &&
          selectSource(index, { source: i.source, kind: i.via === 'RUN --mount' ? 'mount' : 'copy' }).length >
            0,
      ),
    );
  };
}
