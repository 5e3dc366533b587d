/** What `slipway clean --images` may remove: only the names slipway gave, never a name it did not. */

/** An image as the engine lists it (`docker image ls`): the parts the decision reads. */
export interface ListedImage {
  Id: string;
  RepoTags?: readonly string[] | null;
  RepoDigests?: readonly string[] | null;
  Labels?: Readonly<Record<string, string>> | null;
}

/** The names slipway gives: the helper's repository, and `<image>:<stage>` of the project (when there is one). */
export interface OwnNames {
  /** `slipway-helper` (or SLIPWAY_HELPER_REPO): every tag in it is slipway's. */
  helperRepo: string;
  /** The label slipway puts on the helper images it builds. */
  helperLabel: string;
  /** The project's image name (`image:` of slipway.yaml) and its Dockerfile's stages; null: no project. */
  project: { image: string; stages: readonly string[] } | null;
}

/** One reference to remove: a tag (which only untags an image that has other names), or a nameless image's ID. */
export interface Removal {
  ref: string;
  image: string;
}

/** The label slipway puts on each stage image it builds: the stage's name. */
const STAGE_LABEL = 'dev.slipway.stage';

const repoOf = (tag: string) => tag.slice(0, tag.lastIndexOf(':'));
const tagOf = (tag: string) => tag.slice(tag.lastIndexOf(':') + 1);

/**
 * The references to remove, image by image: each tag in the helper's repository; `<image>:<stage>` of a
 * stage image slipway built (labelled with its stage), for that stage or a stage of the Dockerfile; and, by
 * ID, a helper image slipway built that no name refers to any more. Every other name stays, and with it the
 * image: removing a tag of an image that has others only untags it, and nothing here is removed by force.
 */
export function imageRemovals(images: readonly ListedImage[], own: OwnNames): Removal[] {
  const out: Removal[] = [];
  for (const i of images) {
    const labels = i.Labels ?? {};
    const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    const stage = labels[STAGE_LABEL];
    const mine = (t: string): boolean => {
      if (repoOf(t) === own.helperRepo) return true;
      if (stage === undefined || !own.project || repoOf(t) !== own.project.image) return false;
      return tagOf(t) === stage || own.project.stages.includes(tagOf(t));
    };
    for (const t of tags) if (mine(t)) out.push({ ref: t, image: i.Id });
    const digests = (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>');
    if (labels[own.helperLabel] !== undefined && !tags.length && !digests.length)
      out.push({ ref: i.Id, image: i.Id });
  }
  return out;
}
