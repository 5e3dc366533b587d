import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint/lint.js';
import { lintContext } from '../../helpers/model.js';

const GOOD = [
  'ARG NODE_IMAGE=node:24-bookworm-slim',
  'FROM ${NODE_IMAGE} AS base',
  'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends tini',
  'FROM base AS build',
  'RUN apt-get update && apt-get install -y --no-install-recommends g++ make python3 && rm -rf /var/lib/apt/lists/*',
  'FROM build AS ci',
  'RUN make test',
  'FROM base AS release',
  'COPY --from=ci /artefact /app',
  'USER app',
].join('\n');

const codes = (text: string, opts: Parameters<typeof lintContext>[1] = {}, disable: string[] = []) =>
  lint(lintContext(text, opts), [], { disable }).map((d) => `${d.range.start.line} ${d.code}`);

describe('lint rules: a passing and a failing case each', () => {
  it('the pattern done right has no findings', () => {
    expect(codes(GOOD)).toEqual([]);
  });

  it('SW101 release built FROM a stage with build tooling', () => {
    expect(codes(GOOD.replace('FROM base AS release', 'FROM build AS release'))).toEqual(['8 SW101']);
  });

  it('SW102 release copying from a stage other than ci', () => {
    expect(codes(`${GOOD}\nCOPY --from=build /usr/lib/x /x`)).toEqual(['11 SW102']);
  });

  it('SW103 a stage no target needs', () => {
    expect(
      codes(`${GOOD.replace('FROM base AS release', 'FROM base AS docs\nRUN true\nFROM base AS release')}`),
    ).toEqual(['8 SW103']);
  });

  it('SW104 --from naming no stage, with a did-you-mean', () => {
    const d = lint(lintContext(GOOD.replace('--from=ci', '--from=cj')), []);
    expect(d.map((x) => [x.code, x.message])).toEqual([
      ['SW104', "--from=cj names no stage; Docker will look for an image 'cj' (did you mean stage 'ci'?)"],
    ]);
    // COPY --from an image (not a stage) is no typo: nothing is reported.
    expect(codes(GOOD.replace('--from=ci /artefact', '--from=alpine:3 /etc/x'))).toEqual([]);
  });

  it('SW105 untagged or latest base images', () => {
    expect(codes(GOOD.replace('node:24-bookworm-slim', 'node'))).toEqual(['2 SW105']);
    expect(codes(GOOD.replace('node:24-bookworm-slim', 'registry:5000/node:latest'))).toEqual(['2 SW105']);
    expect(codes(GOOD.replace('node:24-bookworm-slim', 'registry:5000/node@sha256:abc'))).toEqual([]);
  });

  it('SW106 release running as root', () => {
    expect(codes(GOOD.replace('USER app', 'USER root'))).toEqual(['10 SW106']);
    expect(codes(GOOD.replace('\nUSER app', ''))).toEqual(['8 SW106']);
  });

  it('SW107 secret-looking ARG and ENV names', () => {
    expect(codes(`ARG NPM_TOKEN\n${GOOD}\nENV DB_PASSWORD=x API_KEY=y KEYBOARD=z`)).toEqual([
      '1 SW107',
      '12 SW107',
      '12 SW107',
    ]);
  });

  it('SW108 remote ADD without checksum', () => {
    expect(codes(`${GOOD}\nADD https://example.com/a.tgz /a`)).toEqual(['11 SW108']);
    expect(codes(`${GOOD}\nADD --checksum=sha256:abc https://example.com/a.tgz /a`)).toEqual([]);
  });

  it('SW109 and SW110 apt-get hygiene', () => {
    expect(codes(GOOD.replace('--no-install-recommends g++', 'g++'))).toEqual(['5 SW109']);
    expect(codes(GOOD.replace(' && rm -rf /var/lib/apt/lists/*', ''))).toEqual(['5 SW110']);
  });

  it('SW111 a stage without a container spec', () => {
    expect(codes(GOOD, { specs: ['base', 'build', 'ci'] })).toEqual(['8 SW111']);
  });

  it('roles come from config: a renamed release is checked under its own name', () => {
    const text = GOOD.replace('AS release', 'AS shipit').replace('USER app', 'USER 0');
    expect(codes(text, { config: 'roles: { release: shipit }\n' })).toEqual(['10 SW106']);
  });
});

describe('suppressing findings', () => {
  it('--disable skips a rule', () => {
    expect(codes(GOOD.replace('USER app', 'USER root'), {}, ['SW106'])).toEqual([]);
  });

  it('# slipway-ignore on the line above silences that instruction only', () => {
    const text = `${GOOD}\n# slipway-ignore SW108\nADD https://example.com/a.tgz /a\nADD https://example.com/b.tgz /b`;
    expect(codes(text)).toEqual(['13 SW108']);
  });
});

describe('SW112 history-in-context', () => {
  const only = (text: string, dockerignore: string) =>
    codes(text, { dockerignore }).filter((c) => c.endsWith('SW112'));
  it('a stage reading .slipway/ from the context (COPY ., COPY *, a whole-context bind mount) is warned, where it is', () => {
    const df = 'FROM scratch AS a\nCOPY . /x\nFROM scratch AS b\nCOPY src /x\nFROM scratch AS c\nCOPY * /x\n';
    expect(only(df, '')).toEqual(['1 SW112', '5 SW112']);
    expect(only(df, 'node_modules\n')).toEqual(['1 SW112', '5 SW112']);
    expect(only('FROM alpine AS m\nRUN --mount=type=bind,target=/src true\n', '')).toEqual(['1 SW112']);
  });
  it('the ignore file dropping it (or everything but a list) keeps the stage quiet', () => {
    const df = 'FROM scratch AS a\nCOPY . /x\n';
    expect(only(df, '.slipway\n')).toEqual([]);
    expect(only(df, '*\n!src\n')).toEqual([]);
  });
});
