import { readFileSync } from 'node:fs';
import { REPO } from '../../helpers/cli.js';

/** Dockerfiles whose stage graphs the CI generators must get right; `edges` are named → named. */
export const DOCKERFILES: Record<string, { text: string; edges: [string, string][] }> = {
  'this repository (release FROM base + COPY --from=ci)': {
    text: readFileSync(`${REPO}/docker/Dockerfile`, 'utf8'),
    edges: [
      ['base', 'build'],
      ['base', 'release'],
      ['build', 'ci'],
      ['build', 'dev'],
      ['ci', 'release'],
      ['dev', 'project'],
    ],
  },
  'diamond: two stages from one, joined by a fourth': {
    text: [
      'FROM alpine:3.20 AS root',
      'FROM root AS left',
      'FROM root AS right',
      'FROM left AS join',
      'COPY --from=right /x /x',
    ].join('\n'),
    edges: [
      ['left', 'join'],
      ['right', 'join'],
      ['root', 'left'],
      ['root', 'right'],
    ],
  },
  'unnamed stages are passed through (A → unnamed → B), numeric --from': {
    text: [
      'FROM alpine:3.20 AS tools', // 0
      'FROM tools', // 1: unnamed
      'RUN make',
      'FROM scratch AS app', // 2
      'COPY --from=1 /out /out', // unnamed 1 → tools
      'COPY --from=0 /bin /bin', // index of a named stage
    ].join('\n'),
    edges: [['tools', 'app']],
  },
  'a chain of unnamed stages, and an unnamed stage that needs two named ones': {
    text: [
      'FROM alpine:3.20 AS a', // 0
      'FROM alpine:3.20 AS c', // 1
      'FROM a', // 2 unnamed
      'COPY --from=c /c /c',
      'FROM scratch', // 3 unnamed
      'COPY --from=2 / /',
      'FROM scratch AS b', // 4
      'COPY --from=3 / /',
      'FROM b AS d', // 5
      'RUN --mount=type=bind,from=c,target=/c true',
    ].join('\n'),
    edges: [
      ['a', 'b'],
      ['b', 'd'],
      ['c', 'b'],
      ['c', 'd'],
    ],
  },
  'names that are not job ids: dots, and names the fixed jobs take': {
    text: [
      'FROM node:22 AS node.js',
      'FROM node.js AS node_js',
      'FROM node_js AS plan',
      'FROM plan AS publish',
      'FROM scratch AS app.v2',
      'COPY --from=node.js /a /a',
      'COPY --from=publish /b /b',
    ].join('\n'),
    edges: [
      ['node.js', 'app.v2'],
      ['node.js', 'node_js'],
      ['node_js', 'plan'],
      ['plan', 'publish'],
      ['publish', 'app.v2'],
    ],
  },
  'a typical service: ARG in FROM, --platform, cache mounts (not dependencies), distroless release': {
    text: [
      'ARG NODE=node:22-bookworm',
      'FROM --platform=$BUILDPLATFORM ${NODE} AS deps',
      'WORKDIR /app',
      'COPY package*.json ./',
      'RUN --mount=type=cache,target=/root/.npm npm ci',
      'FROM deps AS build',
      'COPY . .',
      'RUN npm run build',
      'FROM build AS test',
      'RUN npm test',
      'FROM gcr.io/distroless/nodejs22-debian12 AS release',
      'COPY --from=deps /app/node_modules /app/node_modules',
      'COPY --from=build /app/dist /app/dist',
    ].join('\n'),
    edges: [
      ['build', 'release'],
      ['build', 'test'],
      ['deps', 'build'],
      ['deps', 'release'],
    ],
  },
  'one stage, nothing else': { text: 'FROM busybox:1.36 AS only\n', edges: [] },
  'only unnamed stages': { text: 'FROM alpine:3.20\nFROM scratch\nCOPY --from=0 / /\n', edges: [] },
};
