import { resolve } from 'node:path';
import type Docker from 'dockerode';
import { UserError } from '../core/errors.js';
import { openProject, selectStages } from '../project/project.js';
import { stageTag } from '../stages/build-stages.js';

/** The image a spec command works on, and the spec file it reads or writes. */
export interface SpecTarget {
  image: string;
  spec: string;
  /** The stage, when the image is a stage's (for hints such as `slipway build <stage>`). */
  stage: string | null;
}

/**
 * `--image REF --spec FILE` (any image), or a stage of the repository with its spec from the config's
 * pattern unless `--spec` is given. Shared by add and edit.
 */
export function specTarget(
  cwd: string,
  values: {
    image?: string | undefined;
    spec?: string | undefined;
    config?: string | undefined;
    file?: string | undefined;
  },
  stage: string | undefined,
  usage: string,
): SpecTarget {
  if (values.image) {
    if (!values.spec) throw new UserError('--image needs --spec FILE');
    return { image: values.image, spec: resolve(cwd, values.spec), stage: null };
  }
  if (!stage) throw new UserError(`give a stage (or --image REF --spec FILE)`, { hint: usage });
  const project = openProject(cwd, {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.file ? { dockerfile: values.file } : {}),
  });
  const key = selectStages(project.model, [stage])[0]?.key as string;
  const spec = values.spec
    ? resolve(cwd, values.spec)
    : resolve(project.config.root, project.config.specs.replaceAll('{stage}', key));
  return { image: stageTag(project, key), spec, stage: key };
}

/** Fails with what to do when the image is not in the engine. */
export async function requireImage(docker: Docker, image: string, stage: string | null): Promise<void> {
  try {
    await docker.getImage(image).inspect();
  } catch {
    throw new UserError(`image ${image} is not built`, {
      hint: stage ? `slipway build ${stage}` : 'build or load it first',
    });
  }
}
