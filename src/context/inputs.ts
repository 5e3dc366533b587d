import type { DockerfileModel } from '../dockerfile/model.js';
import { sourceMatcher } from './glob.js';

/** For each stage key: the context files it reads (COPY/ADD sources and bind mounts), after .dockerignore. */
export function stageInputFiles(model: DockerfileModel, files: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const cache = new Map<string, ReturnType<typeof sourceMatcher>>();
  for (const stage of model.stages) {
    const matchers = stage.inputs
      .filter((i) => i.kind === 'context')
      .map((i) => cache.get(i.pattern) ?? cache.set(i.pattern, sourceMatcher(i.pattern)).get(i.pattern))
      .filter((m) => m !== undefined);
    out.set(stage.key, matchers.length ? files.filter((f) => matchers.some((m) => m.matches(f))) : []);
  }
  return out;
}
