import type Docker from 'dockerode';
import { EnvironmentError, errorMessage } from '../core/errors.js';
import { makeBaseImage } from './base-images/make.js';
import { KNOWN_RECIPES, recipeFor } from './base-images/recipes.js';

export type ImageSource = 'local' | 'pulled' | 'made';

export interface EnsuredImage {
  ref: string;
  source: ImageSource;
  durationMs: number;
}

/**
 * Every external image must be present before a build: present locally → use it; pullable → pull it;
 * neither but slipway has a recipe → make it locally from Debian and npm packages; else a clear error.
 */
export async function ensureImages(
  docker: Docker,
  refs: readonly string[],
  opts: { dockerBin: string; onProgress: (line: string) => void; allowPull?: boolean },
): Promise<EnsuredImage[]> {
  const out: EnsuredImage[] = [];
  for (const ref of refs) {
    const t0 = Date.now();
    if (await present(docker, ref)) {
      out.push({ ref, source: 'local', durationMs: Date.now() - t0 });
      continue;
    }
    let pullError = 'pulling disabled';
    if (opts.allowPull !== false) {
      try {
        opts.onProgress(`pulling ${ref}`);
        await pull(docker, ref);
        out.push({ ref, source: 'pulled', durationMs: Date.now() - t0 });
        continue;
      } catch (e) {
        pullError = errorMessage(e).split('\n')[0] ?? 'pull failed';
      }
    }
    const recipe = recipeFor(ref);
    if (!recipe) {
      throw new EnvironmentError(
        `image '${ref}' is not present locally and cannot be pulled (${pullError}); slipway has no recipe to make it`,
        `load it (docker load -i image.tar), make a registry reachable, or build FROM an image slipway can make: ${KNOWN_RECIPES.join(', ')}`,
      );
    }
    opts.onProgress(`building ${ref} locally: no registry reachable`);
    await makeBaseImage(recipe, { dockerBin: opts.dockerBin, onProgress: opts.onProgress });
    if (recipe.tag !== ref) {
      const [repo, tag] = splitRef(ref);
      await docker.getImage(recipe.tag).tag({ repo, tag });
    }
    out.push({ ref, source: 'made', durationMs: Date.now() - t0 });
  }
  return out;
}

async function present(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch {
    return false;
  }
}

async function pull(docker: Docker, ref: string): Promise<void> {
  const stream = await docker.pull(ref);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

function splitRef(ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, 'latest'];
}

/**
 * What a fingerprint knows an external image by: the registry digest it was pulled by (the same on every
 * machine that pulls it), else — an image made or loaded locally — its image ID.
 */
export async function imageIdentity(docker: Docker, ref: string): Promise<string> {
  const info = await docker.getImage(ref).inspect();
  const digest = (info.RepoDigests ?? []).map((d) => d.split('@')[1]).find(Boolean);
  return digest ?? info.Id;
}

/** {@link imageIdentity} of each reference present in the engine (absent ones are left out). */
export async function imageIdentities(
  docker: Docker,
  refs: Iterable<string>,
): Promise<Record<string, string>> {
  const pairs = await Promise.all(
    [...refs].map(async (ref) => [ref, await imageIdentity(docker, ref).catch(() => null)] as const),
  );
  return Object.fromEntries(pairs.filter((x): x is readonly [string, string] => x[1] !== null));
}
