import { describe, expect, it } from 'vitest';
import { parseHeredoc } from '../../../src/dockerfile/heredoc.js';
import { readLines } from '../../../src/dockerfile/lines.js';

/**
 * Cases written for slipway from the behaviour of BuildKit's parser (moby/buildkit
 * frontend/dockerfile/parser/parser.go, parser_heredoc_test.go and testfiles/, dockerfile frontend 1.26).
 */
const shape = (text: string) =>
  readLines(text).lines.map((l) => ({
    at: `${l.startLine}-${l.endLine}`,
    line: l.line.text,
    heredocs: l.heredocs.map((h) => `${h.name}${h.chomp ? ' chomp' : ''}${h.expand ? '' : ' raw'}`),
  }));
const heredocNames = (text: string) => readLines(text).lines.flatMap((l) => l.heredocs.map((h) => h.name));

describe('heredoc markers', () => {
  it.each<[string, string[]]>([
    ['RUN <<EOF\nx\nEOF\n', ['EOF']],
    ['RUN cat <<EOF > /f\nx\nEOF\n', ['EOF']],
    ['RUN cat << EOF\nx\nEOF\n', ['EOF']],
    ['RUN cat <<"E O"\nx\nE O\n', ['E O']],
    ["RUN python3 - <<'PY'\nprint(1)\nPY\n", ['PY']],
    ['RUN cat 2<<EOF\nx\nEOF\n', ['EOF']],
    ['RUN <<EOF <<-EOT\nx\nEOF\n\ty\n\tEOT\n', ['EOF', 'EOT']],
    ['COPY <<EOF /etc/x\nx\nEOF\n', ['EOF']],
    ['ADD <<EOF /etc/x\nx\nEOF\n', ['EOF']],
    ['ONBUILD RUN <<EOF\nx\nEOF\n', ['EOF']],
    ['run --mount=type=cache,target=/c <<EOF\nx\nEOF\n', ['EOF']],
    // Not heredocs: quoted, escaped, glued to a word, two in one word, exec form, other instructions.
    ['RUN echo "<<EOF" > f\n', []],
    ["RUN echo '<<EOF' > f\n", []],
    ['RUN echo \\<<EOF\n', []],
    ['RUN cat<<EOF\n', []],
    ['RUN cat <<EOF<<EOT\n', []],
    ['RUN ["sh", "-c", "cat <<EOF"]\n', []],
    ['ENV A=<<EOF\n', []],
    ['LABEL x="<<EOF"\n', []],
    ['RUN echo <<\n', []],
    ['RUN echo "unterminated <<EOF\n', []],
  ])('%j', (text, names) => {
    expect(heredocNames(text)).toEqual(names);
  });

  it('parses the marker word: fd, chomp, quoted names and whether the body expands', () => {
    expect(parseHeredoc('<<EOF')).toMatchObject({ name: 'EOF', chomp: false, expand: true, fd: 0 });
    expect(parseHeredoc('3<<-"END"')).toMatchObject({ name: 'END', chomp: true, expand: false, fd: 3 });
    expect(parseHeredoc("<<E'O'F")).toMatchObject({ name: 'EOF', expand: false });
    expect(parseHeredoc('<<  EOF')).toMatchObject({ name: 'EOF' });
    expect(parseHeredoc('<<EOF extra')).toBeNull();
    expect(parseHeredoc('<<')).toBeNull();
    expect(parseHeredoc('x<<EOF')).toBeNull();
  });

  it('takes the body from the following lines, closing at the exact terminator', () => {
    const [run, from] = readLines('RUN <<EOF\nFROM x AS y\n  EOF\nEOF \n\tEOF\nEOF\nFROM z\n').lines;
    expect(run?.heredocs[0]).toMatchObject({
      content: 'FROM x AS y\n  EOF\nEOF \n\tEOF\n',
      terminated: true,
    });
    expect([run?.startLine, run?.endLine, from?.startLine]).toEqual([1, 6, 7]);
  });

  it('<<- strips leading tabs before comparing, per heredoc', () => {
    expect(shape('RUN <<-A <<B\n\tA\n\tB\nB\nRUN x\n')).toEqual([
      { at: '1-4', line: 'RUN <<-A <<B', heredocs: ['A chomp', 'B'] },
      { at: '5-5', line: 'RUN x', heredocs: [] },
    ]);
  });

  it('an unclosed heredoc takes the rest of the file', () => {
    const [l] = readLines('RUN <<EOF\necho\nFROM x\n').lines;
    expect(l?.heredocs[0]).toMatchObject({ terminated: false, endLine: 3 });
  });
});

describe('logical lines', () => {
  it('joins continuations, skipping comment and blank lines inside them', () => {
    expect(shape('RUN a \\\n# note\n\n   \n  b \\  \n  c\nRUN d\n')).toEqual([
      { at: '1-6', line: 'RUN a   b   c', heredocs: [] },
      { at: '7-7', line: 'RUN d', heredocs: [] },
    ]);
  });

  it('an escaped escape character does not continue the line', () => {
    expect(shape('ENV C=a\\\\\nENV D=b\n').map((l) => l.line)).toEqual(['ENV C=a\\\\', 'ENV D=b']);
  });

  it('drops comments, leading blanks, CRLF and a byte-order mark', () => {
    expect(shape('\ufeff# c\r\n  FROM a\r\n\r\n\t# d\r\nRUN b\r\n')).toEqual([
      { at: '2-2', line: 'FROM a', heredocs: [] },
      { at: '5-5', line: 'RUN b', heredocs: [] },
    ]);
  });

  it('knows a file that ends inside a continuation (BuildKit accepts it)', () => {
    const r = readLines('FROM a\nRUN b \\\n');
    expect(r.danglingContinuation?.line.text).toBe('RUN b ');
  });

  it('reads the directives at the top: escape changes the continuation character', () => {
    const r = readLines('# syntax=docker/dockerfile:1\n# escape=`\nRUN a `\n  b\nRUN c \\\n');
    expect(r.escape).toBe('`');
    expect(r.directives.map((d) => `${d.name}=${d.value}`)).toEqual([
      'syntax=docker/dockerfile:1',
      'escape=`',
    ]);
    expect(r.lines.map((l) => l.line.text)).toEqual(['RUN a   b', 'RUN c \\']);
  });

  it('directives stop at the first other line; a bad or repeated one is a problem', () => {
    expect(readLines('\n# escape=`\nRUN a\n').escape).toBe('\\');
    expect(readLines('# escape=x\nRUN a\n').problems.map((p) => p.line)).toEqual([1]);
    expect(readLines('# escape=`\n# escape=\\\nRUN a\n').problems.map((p) => p.line)).toEqual([2]);
  });
});
