import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { buildOrder, externalImages, leafStages } from '../../../src/dockerfile/graph.js';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';

const parse = (text: string, buildArgs: Record<string, string> = {}) =>
  parseDockerfile(text, 'Dockerfile', { buildArgs, platform: 'linux/amd64' });
const codes = (text: string) =>
  parse(text).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);

describe('parseDockerfile: stages and references', () => {
  const df = [
    '# syntax=docker/dockerfile:1',
    'ARG NODE_IMAGE=node:24-bookworm-slim',
    'FROM ${NODE_IMAGE} AS Base',
    'RUN echo base \\',
    '    continued',
    'FROM base AS build',
    'RUN --mount=type=cache,target=/root/.npm npm ci',
    'FROM build AS ci',
    'RUN --mount=type=bind,from=base,source=/etc,target=/x true',
    'FROM base AS release',
    'COPY --from=ci /artefact /app',
    'COPY --from=alpine:3.20 /etc/os-release /os',
  ].join('\n');

  it('models names (case-insensitive), parents, images and edges', () => {
    const { model, diagnostics } = parse(df);
    expect(diagnostics).toEqual([]);
    expect(model.syntax).toBe('docker/dockerfile:1');
    expect(model.stages.map((s) => [s.key, s.parent, s.baseImage, s.dependsOn, s.line])).toEqual([
      ['base', null, 'node:24-bookworm-slim', [], 3],
      ['build', 'base', null, ['base'], 6],
      ['ci', 'build', null, ['build', 'base'], 8],
      ['release', 'base', null, ['base', 'ci'], 10],
    ]);
    expect(model.stages[3]?.images).toEqual(['alpine:3.20']);
    expect(model.stages[0]?.instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 3, 3],
      ['RUN', 4, 5],
    ]);
  });

  it('substitutes global ARGs, overridable by build args', () => {
    expect(parse(df, { NODE_IMAGE: 'node:22-bookworm-slim' }).model.stages[0]?.baseImage).toBe(
      'node:22-bookworm-slim',
    );
    const { model } = parse('ARG V\nARG IMG=debian:${V:-bookworm}-slim\nFROM $IMG\n', { V: 'trixie' });
    expect(model.stages[0]?.baseImage).toBe('debian:trixie-slim');
  });

  it('knows BuildKit platform args in FROM', () => {
    const { model } = parse('FROM --platform=$BUILDPLATFORM golang:1.22 AS b\nFROM busybox:${TARGETARCH}\n');
    expect(model.stages[0]?.platform).toBe('linux/amd64');
    expect(model.stages[1]?.baseImage).toBe('busybox:amd64');
    expect(model.stages[1]?.key).toBe('1');
  });

  it('resolves COPY --from by index to earlier stages only', () => {
    const { model } = parse('FROM alpine:3 AS a\nFROM alpine:3\nCOPY --from=0 /x /x\n');
    expect(model.stages[1]?.dependsOn).toEqual(['a']);
    expect(codes('FROM alpine:3\nCOPY --from=0 /x /y\n')).toEqual(['2:13 DF011']);
    expect(codes('FROM alpine:3\nCOPY --from=1 /x /y\nFROM alpine:3\n')).toEqual(['2:13 DF012']);
    expect(codes('FROM alpine:3\nCOPY --from=7 /x /y\n')).toEqual(['2:13 DF012']);
  });

  it('RUN --mount from= takes a stage name or an image, never an index', () => {
    const { model } = parse(
      'FROM alpine:3 AS a\nFROM alpine:3\nRUN --mount=from=0,target=/x true\nRUN --mount=from=A,target=/y true\n',
    );
    expect(model.stages[1]?.dependsOn).toEqual(['a']);
    expect(model.stages[1]?.images).toEqual(['alpine:3', '0']);
  });

  it('FROM matches stage names exactly as written; COPY --from is case-insensitive', () => {
    expect(codes('FROM alpine:3 AS build\nFROM Build\n')).toEqual(['2:6 DF013']);
    expect(
      parse('FROM alpine:3 AS build\nFROM alpine:3\nCOPY --from=BUILD /a /a\n').model.stages[1]?.dependsOn,
    ).toEqual(['build']);
  });

  it('--from does not expand variables (BuildKit rejects it)', () => {
    expect(codes('ARG S=a\nFROM alpine:3 AS a\nFROM alpine:3\nCOPY --from=$S /a /a\n')).toEqual([
      '4:13 DF014',
    ]);
  });

  it('a FROM naming a later stage is an image, with a warning', () => {
    const { model, diagnostics } = parse('FROM later AS first\nFROM alpine:3 AS later\n');
    expect(model.stages[0]?.baseImage).toBe('later');
    expect(model.stages[0]?.parent).toBeNull();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^Dockerfile:1:6: warning DF010 /),
    ]);
  });

  it('computes build order and the external images a target needs', () => {
    const { model } = parse(df);
    expect(buildOrder(model, ['release'])).toEqual(['base', 'build', 'ci', 'release']);
    expect(externalImages(model, ['build'])).toEqual(['node:24-bookworm-slim']);
    expect(externalImages(model, ['release'])).toEqual(['node:24-bookworm-slim', 'alpine:3.20']);
    expect(leafStages(model).map((s) => s.key)).toEqual(['release']);
  });

  it('survives heredocs and ONBUILD', () => {
    const { model, diagnostics } = parse('FROM alpine:3\nRUN <<EOF\necho hi\nEOF\nONBUILD RUN echo x\n');
    expect(diagnostics).toEqual([]);
    expect(model.stages[0]?.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'ONBUILD']);
  });
});

describe('parseDockerfile: bad input is located, never thrown', () => {
  it.each([
    ['', ['1:1 DF001']],
    ['# only a comment\n', ['1:1 DF001']],
    ['ARG A=1\n', ['1:1 DF002']],
    ['RUN echo hi\nFROM alpine:3\n', ['1:1 DF003']],
    ['FROM alpine:3\nFROBNICATE x\n', ['2:1 DF004']],
    ['FROM alpine:3 AS a\nFROM alpine:3 AS A\n', ['2:18 DF005']],
    ['FROM alpine:3\nRUN echo \\\n', ['2:1 DF015']],
    ['FROM alpine:3\nRUN <<EOF\necho never closed\n', ['2:5 DF006']],
    ['FROM alpine:3 AS 1bad\n', ['1:18 DF007']],
    ['FROM alpine:3 AS a\nCOPY --from=a /x /y\n', ['2:13 DF011']],
  ])('%j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });
});
