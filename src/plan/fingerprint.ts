/**
 * Content fingerprints (pure: the caller supplies file content ids and image ids). A stage's fingerprint
 * changes exactly when one of these does (docs/plan.md#fingerprints):
 * - its instructions as BuildKit reads them (comments and layout excluded) and the `# syntax=` directive;
 * - the ARGs it takes from outside: the global ARGs its FROM uses, its own ARGs' build-arg values;
 * - every context file it reads after the ignore file: path, mode and content id;
 * - its external base image and the images it copies or mounts from, by digest or image ID;
 * - the fingerprints of the stages it depends on.
 * A spec fingerprint covers the rendered spec and every file it includes, the template vars and the test
 * run settings: a passed test is valid for an image ID and a spec fingerprint.
 */
import { createHash } from 'node:crypto';
import { applyIgnore, type IgnoreRules } from '../context/dockerignore.js';
import { ContextIndex, selectSource } from '../context/sources.js';
import type { DockerfileModel } from '../dockerfile/stage.js';
import { dockerfileText, stageArgs } from './stage-text.js';

/** Content id of a file: its git blob id, or any digest of its bytes, plus its git-style mode. */
export interface FileId {
  id: string;
  /** `100644`, `100755`, `120000` (symlink). */
  mode: string;
}

export interface FingerprintInput {
  model: DockerfileModel;
  /** The Dockerfile's text. */
  text: string;
  buildArgs: Readonly<Record<string, string>>;
  ignore: IgnoreRules;
  /** Every context file (context-relative, before the ignore file). */
  files: readonly string[];
  /** The content id of a context file; asked only for the files some stage reads. */
  fileId: (path: string) => FileId;
  symlinks?: ReadonlyMap<string, string>;
  /** Image reference → its digest or image ID. An image missing here makes the stage's fingerprint unknown. */
  images: Readonly<Record<string, string>>;
}

export interface StageFingerprint {
  stage: string;
  /** `sha256:<hex>`, or null when an image it needs has no known id (then nothing can be reused). */
  fingerprint: string | null;
  /** Context files it reads. */
  inputs: number;
  /** Images it needs whose id was not supplied (its own and its dependencies'). */
  missingImages: string[];
}

const sha256 = (data: string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** Every stage's fingerprint, in file order (dependencies first). */
export function stageFingerprints(input: FingerprintInput): Map<string, StageFingerprint> {
  const text = dockerfileText(input.model, input.text);
  const ctx = new ContextIndex(applyIgnore(input.files, input.ignore), input.symlinks ?? new Map());
  const out = new Map<string, StageFingerprint>();
  for (const stage of input.model.stages) {
    const st = text.stages.get(stage.key);
    const files = new Set<string>();
    for (const src of st?.sources ?? []) for (const f of selectSource(ctx, src)) files.add(f);
    const missing = new Set<string>();
    const images: [string, string | null][] = [];
    for (const img of stage.images) {
      const id = input.images[img] ?? null;
      if (id === null) missing.add(img);
      images.push([img, id]);
    }
    const deps: [string, string | null][] = stage.dependsOn.map((d) => {
      const fp = out.get(d);
      for (const m of fp?.missingImages ?? []) missing.add(m);
      return [d, fp?.fingerprint ?? null];
    });
    const args = [...stageArgs(input.model, stage, st?.fromArgs ?? [], input.buildArgs)]
      .map(([k, v]) => [k, v.value] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const canonical = JSON.stringify({
      v: 1,
      syntax: text.directives.syntax ?? null,
      instructions: st?.texts ?? [],
      platform: stage.platform,
      args,
      images,
      inputs: [...files].sort().map((f) => {
        const id = input.fileId(f);
        return [f, id.mode, id.id];
      }),
      deps,
    });
    out.set(stage.key, {
      stage: stage.key,
      fingerprint: missing.size ? null : sha256(canonical),
      inputs: files.size,
      missingImages: [...missing],
    });
  }
  return out;
}

export interface SpecFingerprintInput {
  /** The spec and each file it includes, as rendered (templates applied), in load order. */
  files: readonly { path: string; rendered: string }[];
  vars: unknown;
  /** How the container is run for the test (entrypoint, cmd, env), or null. */
  run: unknown;
}

/** `sha256:<hex>` of what a test run checks: the rendered spec with its includes, the vars, the run settings. */
export function specFingerprint(input: SpecFingerprintInput): string {
  return sha256(
    JSON.stringify({
      v: 1,
      files: input.files.map((f) => [f.path, f.rendered]),
      vars: canonicalJson(input.vars),
      run: canonicalJson(input.run),
    }),
  );
}

/** JSON with object keys sorted, so equal values hash equally. */
function canonicalJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonicalJson);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, canonicalJson((v as Record<string, unknown>)[k])]),
    );
  return v ?? null;
}
