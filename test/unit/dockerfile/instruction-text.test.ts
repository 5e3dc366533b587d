import { describe, expect, it } from 'vitest';
import { contextSources } from '../../../src/dockerfile/context-sources.js';
import { instructionsByStage, readInstructions } from '../../../src/dockerfile/instruction-text.js';

const texts = (df: string) => readInstructions(df).instructions.map((i) => i.text);

describe('instructions as BuildKit reads them', () => {
  it('comments: a line starting with # (after blanks), also inside a continuation; # mid-line is text', () => {
    const df = [
      '# syntax=docker/dockerfile:1',
      'FROM alpine AS a # not a comment',
      '  # an indented comment',
      'RUN echo a \\',
      '  # dropped inside the continuation',
      '',
      '  && echo b # kept',
    ].join('\n');
    const doc = readInstructions(df);
    expect(doc.directives).toEqual({ syntax: 'docker/dockerfile:1' });
    expect(doc.instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 2, 2],
      ['RUN', 4, 7],
    ]);
    expect(texts(df)).toEqual(['FROM alpine AS a # not a comment', 'RUN echo a   && echo b # kept']);
  });

  it('the same instructions laid out differently compare equal; real edits do not', () => {
    const a = 'FROM x\n\n# c\nrun   make\n';
    const b = 'FROM x\nRUN make  \n# another comment\n';
    expect(texts(a)).toEqual(texts(b));
    expect(texts('FROM x\nRUN make  all')).not.toEqual(texts('FROM x\nRUN make all'));
  });

  it('heredoc bodies are verbatim, comment-like lines included', () => {
    const df =
      'FROM x\nCOPY <<EOF a.txt /dst/\n# in the file\nEOF\nRUN <<-EOT sh\n\techo hi\n\tEOT\nRUN true\n';
    const doc = readInstructions(df);
    expect(doc.instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['COPY', 2, 4],
      ['RUN', 5, 7],
      ['RUN', 8, 8],
    ]);
    expect(doc.instructions[1]?.heredocs).toEqual([{ name: 'EOF', body: '# in the file' }]);
    expect(contextSources(doc.instructions)).toEqual([
      { via: 'COPY', source: 'a.txt', kind: 'copy', line: 2, parents: false, exclude: [] },
    ]);
  });

  it('the escape directive changes the continuation character', () => {
    const df = '# escape=`\nFROM x\nRUN a `\n  b\n';
    expect(texts(df)).toEqual(['FROM x', 'RUN a   b']);
  });

  it('groups instructions by stage, global ARGs apart', () => {
    const { globals, stages } = instructionsByStage(readInstructions('ARG A=1\nFROM x\nRUN a\nFROM y\n'));
    expect(globals.map((i) => i.text)).toEqual(['ARG A=1']);
    expect(stages.map((s) => s.map((i) => i.text))).toEqual([['FROM x', 'RUN a'], ['FROM y']]);
  });
});

describe('context sources', () => {
  const sources = (df: string) =>
    contextSources(readInstructions(df).instructions).map((s) => [s.via, s.source, s.kind]);

  it('COPY/ADD without --from, JSON form, ADD URLs and git are not the context', () => {
    expect(
      sources(
        [
          'FROM x',
          'COPY --chown=1:1 a b /dst/',
          'COPY --from=build /out /out',
          'COPY ["c d", "/e/"]',
          'ADD https://example.com/f.tgz git@github.com:o/r.git local.tgz /x/',
          'ONBUILD COPY trig /t',
        ].join('\n'),
      ),
    ).toEqual([
      ['COPY', 'a', 'copy'],
      ['COPY', 'b', 'copy'],
      ['COPY', 'c d', 'copy'],
      ['ADD', 'local.tgz', 'copy'],
      ['COPY', 'trig', 'copy'],
    ]);
  });

  it('bind mounts without from: source, src, or the whole context', () => {
    expect(
      sources(
        [
          'FROM x',
          'RUN --mount=type=bind,source=tools,target=/t --mount=target=/all --mount=src=b,from=stage,target=/b true',
          'RUN --mount=type=cache,target=/c --mount=type=bind,from=,src=x,target=/x true',
        ].join('\n'),
      ),
    ).toEqual([
      ['RUN --mount', 'tools', 'mount'],
      ['RUN --mount', '/', 'mount'],
      ['RUN --mount', 'x', 'mount'],
    ]);
  });

  it('--parents and --exclude are kept', () => {
    const [s] = contextSources(
      readInstructions('FROM x\nCOPY --parents --exclude=*.md --exclude=t src/ /d/').instructions,
    );
    expect(s).toMatchObject({ parents: true, exclude: ['*.md', 't'] });
  });
});
