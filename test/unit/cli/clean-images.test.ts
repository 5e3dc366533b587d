import { describe, expect, it } from 'vitest';
import { imageRemovals, type ListedImage, type OwnNames } from '../../../src/cli/clean-images.js';

const own: OwnNames = {
  helperRepo: 'slipway-helper',
  helperLabel: 'dev.slipway.helper',
  project: { image: 'slipway-example', stages: ['base', 'dev', 'release'] },
};
const stage = (s: string) => ({ 'dev.slipway.stage': s });

describe('slipway clean --images: what it removes (only the names slipway gave)', () => {
  it("untags a stage image's own <image>:<stage> and keeps the name a user gave it", () => {
    const images: ListedImage[] = [
      { Id: 'sha256:rel', RepoTags: ['slipway-example:release', 'myrepo/app:1.0'], Labels: stage('release') },
      { Id: 'sha256:dev', RepoTags: ['slipway-example:dev'], Labels: stage('dev') },
    ];
    expect(imageRemovals(images, own)).toEqual([
      { ref: 'slipway-example:release', image: 'sha256:rel' },
      { ref: 'slipway-example:dev', image: 'sha256:dev' },
    ]);
  });

  it('the helper: its slipway-helper tags, never the busybox name it was pulled as', () => {
    const images: ListedImage[] = [
      {
        Id: 'sha256:bb',
        RepoTags: ['busybox:1.37.0-musl', 'slipway-helper:0123456789ab'],
        RepoDigests: ['busybox@sha256:abc'],
        Labels: {},
      },
      // Built by slipway, tagged by an old recipe and a new one.
      {
        Id: 'sha256:built',
        RepoTags: ['slipway-helper:aaaaaaaaaaaa', 'slipway-helper:bbbbbbbbbbbb'],
        Labels: { 'dev.slipway.helper': 'busybox' },
      },
    ];
    expect(imageRemovals(images, own)).toEqual([
      { ref: 'slipway-helper:0123456789ab', image: 'sha256:bb' },
      { ref: 'slipway-helper:aaaaaaaaaaaa', image: 'sha256:built' },
      { ref: 'slipway-helper:bbbbbbbbbbbb', image: 'sha256:built' },
    ]);
  });

  it('by ID only a helper image slipway built that no name refers to any more', () => {
    const images: ListedImage[] = [
      { Id: 'sha256:old', RepoTags: ['<none>:<none>'], Labels: { 'dev.slipway.helper': 'busybox' } },
      { Id: 'sha256:named', RepoTags: ['mine:1'], Labels: { 'dev.slipway.helper': 'busybox' } },
      {
        Id: 'sha256:digest',
        RepoTags: [],
        RepoDigests: ['reg/x@sha256:1'],
        Labels: { 'dev.slipway.helper': 'x' },
      },
      { Id: 'sha256:anon', RepoTags: [], Labels: {} },
    ];
    expect(imageRemovals(images, own)).toEqual([{ ref: 'sha256:old', image: 'sha256:old' }]);
  });

  it('keeps what slipway did not build or name: unlabelled images, other repositories, other tags', () => {
    const images: ListedImage[] = [
      // Not built by slipway (no stage label), though in the project's repository.
      { Id: 'sha256:a', RepoTags: ['slipway-example:release'], Labels: {} },
      // A tag of the user's in the project's repository, not a stage's.
      { Id: 'sha256:b', RepoTags: ['slipway-example:v1.0', 'slipway-example:base'], Labels: stage('base') },
      // Another project's image, and a repository whose name only starts like the project's.
      { Id: 'sha256:c', RepoTags: ['other:release', 'slipway-example-2:release'], Labels: stage('release') },
      { Id: 'sha256:d', RepoTags: ['node:24-bookworm-slim'], Labels: null },
    ];
    expect(imageRemovals(images, own)).toEqual([{ ref: 'slipway-example:base', image: 'sha256:b' }]);
  });

  it('a stage gone from the Dockerfile: its label names it; a registry with a port in the image name', () => {
    const images: ListedImage[] = [
      { Id: 'sha256:e', RepoTags: ['localhost:5000/shop:web'], Labels: stage('web') },
      { Id: 'sha256:f', RepoTags: ['localhost:5000/shop:api'], Labels: stage('web') },
    ];
    const p = { ...own, project: { image: 'localhost:5000/shop', stages: ['app'] } };
    expect(imageRemovals(images, p)).toEqual([{ ref: 'localhost:5000/shop:web', image: 'sha256:e' }]);
    // Without a project (not a repository slipway can open), only the helper's names.
    expect(imageRemovals(images, { ...own, project: null })).toEqual([]);
  });
});
