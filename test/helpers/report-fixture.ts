import { parseDockerfile } from '../../src/dockerfile/parse.js';
import type { RunRecord } from '../../src/history/record.js';
import { runRecord, stageRecord } from './records.js';

/** The hierarchy of the README, small: base, build, dev (unchanged), ci (COPY --from, a cache mount), release. */
export const DOCKERFILE = `FROM node:24-bookworm-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends tini
FROM base AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++
FROM build AS dev
RUN npm i -g nodemon
FROM build AS ci
COPY . /app
RUN --mount=type=cache,from=build,source=/root/.npm,target=/root/.npm npm ci && npm test
FROM base AS release
COPY --from=ci /app/dist /app/dist
USER node
`;

export const model = () => parseDockerfile(DOCKERFILE, 'Dockerfile', { platform: 'linux/amd64' }).model;

const MB = 1e6;
const layer = (instruction: string, mb: number) => ({ instruction, sizeBytes: Math.round(mb * MB) });

/** The previous run: everything green, release 326.5 MB. */
export function previousRun(): RunRecord {
  return runRecord(
    '2026-11-24T09-00-00-000Z-aaaaaa',
    [
      stageRecord('base', {
        build: {
          sizeBytes: 323.8 * MB,
          layers: [
            layer('FROM node:24-bookworm-slim', 318.1),
            layer(
              'RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends tini # buildkit',
              5.7,
            ),
          ],
        },
      }),
      stageRecord('build', { build: { sizeBytes: 782.7 * MB } }),
      stageRecord('dev', { build: { sizeBytes: 801.0 * MB } }),
      stageRecord('ci', { build: { sizeBytes: 790.1 * MB } }),
      stageRecord('release', {
        build: {
          sizeBytes: 326.5 * MB,
          layers: [
            layer('FROM node:24-bookworm-slim', 318.1),
            layer(
              'RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends tini # buildkit',
              5.7,
            ),
            layer('COPY /app/dist /app/dist # buildkit', 2.7),
            layer('USER node', 0),
          ],
        },
      }),
    ],
    {
      startedAt: '2026-11-24T09:00:00.000Z',
      source: { revision: '0123456789abcdef', branch: 'main', dirty: false },
    },
  );
}

/**
 * The run reported: base cached, build and ci built, dev skipped (unchanged), release built bigger and its
 * spec failing one assertion.
 */
export function failingRun(): RunRecord {
  return runRecord(
    '2026-11-25T10-00-00-000Z-bbbbbb',
    [
      stageRecord('base', {
        action: 'test',
        reasons: [{ kind: 'unchanged', text: 'fingerprint unchanged since the last green run' }],
        build: {
          status: 'cached',
          sizeBytes: 323.8 * MB,
          stepsRun: 0,
          stepsCached: 2,
          layers: [
            layer('FROM node:24-bookworm-slim', 318.1),
            layer(
              'RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends tini # buildkit',
              5.7,
            ),
          ],
        },
        test: { status: 'cached', count: 4 },
      }),
      stageRecord('build', {
        reasons: [{ kind: 'file', text: 'package-lock.json changed', file: 'package-lock.json' }],
        build: { sizeBytes: 790.2 * MB, durationMs: 150_000, stepsRun: 4, stepsCached: 1 },
        test: { status: 'passed', count: 12 },
      }),
      stageRecord('dev', {
        action: 'skip',
        reasons: [{ kind: 'unaffected', text: 'not affected by the change' }],
        build: {
          status: 'skipped',
          sizeBytes: null,
          durationMs: 0,
          stepsRun: 0,
          stepsCached: 0,
          imageId: null,
        },
        test: { status: 'skipped', count: 0, because: 'not affected' },
      }),
      stageRecord('ci', {
        reasons: [{ kind: 'dependency', text: 'build changed', stage: 'build' }],
        build: { sizeBytes: 800.4 * MB, durationMs: 31_000 },
        test: { status: 'none', count: 0, specFingerprint: null },
      }),
      stageRecord('release', {
        reasons: [{ kind: 'dependency', text: 'ci changed (COPY --from=ci)', stage: 'ci' }],
        build: {
          sizeBytes: 352.4 * MB,
          durationMs: 4_200,
          layers: [
            layer('FROM node:24-bookworm-slim', 318.1),
            layer(
              'RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends tini # buildkit',
              5.7,
            ),
            layer('COPY /app/dist /app/dist # buildkit', 28.6),
            layer('USER node', 0),
          ],
        },
        test: {
          status: 'failed',
          count: 9,
          failed: 1,
          failures: [
            {
              resourceType: 'File',
              resourceId: '/app/node_modules/.bin/tsc',
              property: 'exists',
              expected: 'false',
              found: 'true',
              message: 'File: /app/node_modules/.bin/tsc: exists: Expected true to equal false',
            },
          ],
        },
      }),
    ],
    {
      budgets: [
        {
          stage: 'release',
          ok: false,
          kind: 'maxSize',
          limit: '340MB',
          sizeBytes: 352.4 * MB,
          message:
            'stage release is 352.4 MB, over its budget maxSize 340MB (340.0 MB) by 12.4 MB; layers that grew most: COPY /app/dist /app/dist # buildkit (+25.9 MB, now 28.6 MB)',
        },
      ],
      naive: { sizeBytes: 990.4 * MB, dockerfile: 'bench/naive.Dockerfile' },
    },
  );
}
