import { readdirSync } from 'node:fs';
import type Docker from 'dockerode';
import { specFileOf } from '../check/specs.js';
import { releaseStage } from '../ci/release.js';
import { SlipwayError } from '../core/errors.js';
import { pull, push, type RegistryClient, remoteDigest } from '../engine/registry.js';
import { readRecords } from '../history/carried.js';
import type { RunRecord, StageRecord } from '../history/record.js';
import { loadHistory } from '../history/store.js';
import type { Project } from '../project/project.js';
import { stageTag } from '../stages/build-stages.js';
import type { CiContext } from './ci-context.js';
import { fingerprintTag, type PublishTags, publishTags } from './tags.js';

export interface PublishOptions {
  stage: string;
  /** The repository to publish to (`ghcr.io/acme/shop`). */
  registry: string;
  /** Where the stage images are (the CI's registry); default: `registry`. */
  from?: string;
  /** The per-job records a CI run carried (`.slipway/records`); without it, this checkout's history. */
  records?: string;
  /** The stage's fingerprint, when not in a record (the caller computes it). */
  fingerprint?: () => Promise<string | null>;
  extraTags: string[];
  /** Published plainly (the release), or with `STAGE-` before each tag; default: whether it is the release stage. */
  release?: boolean;
  ci: CiContext;
  onNote: (m: string) => void;
}

export interface PublishResult {
  /** `registry@sha256:…` */
  ref: string;
  tags: string[];
  /** The merged run record of the CI run (the stage jobs' parts), when records were given. */
  merged: RunRecord | null;
}

/**
 * Pushes the stage's image under the release tags — commit SHA, branch, and `vX.Y.Z` / `X.Y` / `latest` for a
 * version tag — immutable tags first, moving ones last. Only an image whose spec passed is published: a CI
 * record of this run says so, or its `STAGE-fp-<fingerprint>` tag is in the registry (pushed only after a
 * pass), or — on a developer's machine — the history holds a pass for the local image.
 */
export async function publish(
  p: Project,
  docker: Docker,
  rc: RegistryClient,
  o: PublishOptions,
): Promise<PublishResult> {
  // The jobs' records; none when every stage job was skipped (then the registry's fingerprint tag decides).
  const merged = o.records && hasRecords(o.records) ? readRecords(o.records) : null;
  const fromRecord = merged?.stages.find((s) => s.name === o.stage);
  const source = await sourceImage(p, docker, rc, o, fromRecord);
  const tags = tagsToPublish(p, o);
  if (!tags.immutable.length && !tags.moving.length)
    throw new SlipwayError('nothing to tag: no commit, branch or tag is known', 'pass --tag TAG');
  let digest = '';
  for (const t of [...tags.immutable, ...tags.moving]) {
    const ref = `${o.registry}:${t}`;
    const at = ref.lastIndexOf(':');
    await docker.getImage(source).tag({ repo: ref.slice(0, at), tag: ref.slice(at + 1) });
    digest = await push(rc, ref);
    o.onNote(`pushed ${ref}`);
  }
  return { ref: `${o.registry}@${digest}`, tags: [...tags.immutable, ...tags.moving], merged };
}

/** The tags `publish` gives the stage: the release stage's plainly, any other stage's with `STAGE-` before each. */
export function tagsToPublish(
  p: Pick<Project, 'config' | 'model'>,
  o: Pick<PublishOptions, 'stage' | 'release' | 'ci' | 'extraTags'>,
): PublishTags {
  const release = o.release ?? releaseStage(p.config, p.model) === o.stage;
  return publishTags({ stage: o.stage, release, ...o.ci, extra: o.extraTags });
}

/** The local image to publish, once its pass is proven. */
async function sourceImage(
  p: Project,
  docker: Docker,
  rc: RegistryClient,
  o: PublishOptions,
  fromRecord: StageRecord | undefined,
): Promise<string> {
  if (fromRecord) {
    if (fromRecord.test.status === 'failed' || fromRecord.build.status === 'failed')
      throw refused(
        o.stage,
        `its job in this run failed (${fromRecord.test.status === 'failed' ? 'spec' : 'build'})`,
      );
    if (!fromRecord.fingerprint) throw refused(o.stage, 'its record has no fingerprint');
  }
  const fp = fromRecord?.fingerprint || ((await o.fingerprint?.()) ?? null);
  const from = o.from ?? o.registry;
  if (fp) {
    const ref = `${from}:${fingerprintTag(o.stage, fp)}`;
    if (await remoteDigest(rc, ref)) {
      o.onNote(`${ref} passed its spec (its fingerprint tag is in the registry)`);
      await pull(rc, ref);
      return ref;
    }
  }
  if (!o.records) {
    // A developer's machine: the local image, green in this checkout's history.
    const local = stageTag(p, o.stage);
    const info = await docker
      .getImage(local)
      .inspect()
      .catch(() => null);
    if (!info) throw refused(o.stage, `no image ${local} (run slipway pipeline)`);
    const hasSpec = specFileOf(p.config.root, p.config.specs, o.stage) !== null;
    const green = loadHistory(p.config.root).some((r) =>
      r.stages.some(
        (s) =>
          s.name === o.stage &&
          s.build.imageId === info.Id &&
          (hasSpec ? s.test.status === 'passed' || s.test.status === 'cached' : s.build.status !== 'failed'),
      ),
    );
    if (green) return info.Id;
    throw refused(o.stage, `no recorded pass of its spec for image ${info.Id.slice(7, 19)}`);
  }
  throw refused(
    o.stage,
    `no image of fingerprint ${fp?.slice(7, 19) ?? '(unknown)'}… passed its spec in ${from}`,
  );
}

const refused = (stage: string, why: string) =>
  new SlipwayError(
    `refusing to publish ${stage}: ${why}`,
    'only an image whose spec passed is published: let its stage job (or slipway pipeline) test it first',
  );

const hasRecords = (dir: string): boolean => {
  try {
    return readdirSync(dir).some((f) => f.endsWith('.json'));
  } catch {
    return false;
  }
};
