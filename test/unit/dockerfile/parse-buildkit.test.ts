import { describe, expect, it } from 'vitest';
import { buildOrder } from '../../../src/dockerfile/graph.js';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';

/** How the stage model reads words, as BuildKit's Dockerfile frontend does (dockerfile 1.26). */
const parse = (text: string, buildArgs: Record<string, string> = {}, platform = 'linux/amd64') =>
  parseDockerfile(text, 'Dockerfile', { buildArgs, platform });
const codes = (text: string, buildArgs: Record<string, string> = {}) =>
  parse(text, buildArgs).diagnostics.map(
    (d) => `${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code}`,
  );
const graph = (text: string, buildArgs: Record<string, string> = {}, platform?: string) =>
  parse(text, buildArgs, platform).model.stages.map((s) => [s.key, s.parent ?? s.baseImage, s.dependsOn]);

describe('FROM names through global ARGs', () => {
  it('removes quotes inside ${X:-"word"} (issue 9)', () => {
    const text =
      'ARG X=${X:-"supported"}\nFROM scratch AS name-supported\nFROM scratch AS other\nFROM name-${X} AS user\n';
    const { model, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(model.globalArgs[0]?.value).toBe('supported');
    expect(model.stages[2]).toMatchObject({
      parent: 'name-supported',
      baseImage: null,
      dependsOn: ['name-supported'],
    });
    expect(buildOrder(model, ['user'])).toEqual(['name-supported', 'user']);
    expect(graph(text, { X: 'other' })[2]).toEqual(['user', 'name-other', []]);
  });

  const archutil = [
    'ARG L=${TARGETPLATFORM#linux/amd64}',
    'ARG L=${L:+"unsupported"}',
    'ARG L=${L:-"supported"}',
    'FROM scratch AS exit-supported',
    'FROM scratch AS exit-unsupported',
    'FROM exit-${L} AS exit',
    '',
  ].join('\n');
  it.each([
    ['linux/amd64', 'exit-supported'],
    ['linux/arm64', 'exit-unsupported'],
  ])('picks a stage from the platform with #, :+ and :- (%s)', (platform, parent) => {
    expect(graph(archutil, {}, platform)[2]).toEqual(['exit', parent, [parent]]);
  });

  it.each<[string, string]>([
    ['ARG V="1.2"\nFROM img:${V}\n', 'img:1.2'],
    ["ARG V='1.2'\nFROM img:$V\n", 'img:1.2'],
    ['FROM "alpine:3"\n', 'alpine:3'],
    ['ARG V=1.22-bookworm\nFROM golang:${V%%-*}\n', 'golang:1.22'],
    ['ARG V=1.22-bookworm\nFROM golang:${V#*-}\n', 'golang:bookworm'],
    ['ARG V=node:22-bookworm\nFROM ${V/bookworm/trixie}\n', 'node:22-trixie'],
    ['ARG V=a.b.c\nFROM x:${V//./-}\n', 'x:a-b-c'],
    ['ARG V=1\nARG V\nFROM a:$V\n', 'a:1'],
    ['ARG A=x\nARG B=${A}-${A:+y}-${UNSET:-z}\nFROM $B\n', 'x-y-z'],
    ['ARG A=x B=$A\nFROM $B\n', 'x'],
    ['FROM img:\\$x\n', 'img:$x'],
    ['FROM img:$$\n', 'img:'],
    ['# escape=`\nARG P=C:\\x\nFROM win:${P}\n', 'win:C:\\x'],
    ['FROM busybox:${TARGETARCH}${TARGETVARIANT:+-$TARGETVARIANT}\n', 'busybox:amd64'],
  ])('%j → %s', (text, image) => {
    const { model, diagnostics } = parse(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model.stages[0]?.baseImage).toBe(image);
  });

  it('build args override platform ARGs too', () => {
    expect(graph('FROM busybox:${TARGETARCH}\n', { TARGETARCH: 'arm64' })[0]).toEqual([
      '0',
      'busybox:arm64',
      [],
    ]);
  });

  it('a word BuildKit cannot expand fails every target (DF016)', () => {
    expect(codes('ARG V=${V:?set V}\nFROM a:$V\n')).toEqual(['1:7 error DF016']);
    expect(codes('ARG V=${V:?set V}\nFROM a:$V\n', { V: '1' })).toEqual([]);
    expect(codes('FROM a:${V\n')).toEqual(['1:6 error DF016']);
    expect(codes('FROM ${NOPE}\n')).toEqual(['1:6 error DF016']);
    expect(codes('FROM --platform=${NOPE} a\n')).toEqual(['1:6 error DF016']);
    expect(codes('ARG V=${V-x}\nFROM a:${V:=x}\n')).toEqual(['2:6 error DF016']);
    // Words split on blanks before expansion (as in BuildKit), so a message with blanks needs quotes.
    expect(parse('ARG V="${V:?set V}"\nFROM a\n').diagnostics[0]?.message).toMatch(/V: set V$/);
  });
});

describe('stage scope', () => {
  const facts = (text: string, i = 0) => parse(text).model.stages[i]?.facts;

  it('sees global ARGs only when redeclared; platform ARGs too', () => {
    expect(facts('ARG G=1\nFROM scratch\nARG L=${G:-none}\nENV E=$L\n')?.env.E).toBe('none');
    expect(facts('ARG G=1\nFROM scratch\nARG G\nENV E=$G\n')?.env.E).toBe('1');
    expect(facts('FROM scratch\nARG TARGETOS\nENV E=$TARGETOS\n')?.env.E).toBe('linux');
  });

  it('expands ENV and LABEL keys and values, all pairs of one ENV with the values before it', () => {
    expect(facts('FROM scratch\nENV A=1\nENV A=2 B=$A\nLABEL "k $A"=\'v $A\' x="$B"\n')).toMatchObject({
      env: { A: '2', B: '1' },
      labels: { 'k 2': 'v $A', x: '1' },
    });
  });

  it('inherits the environment of the stage it is built FROM; scratch has a PATH', () => {
    const text = 'FROM scratch AS a\nARG V=1\nENV P=/a:$PATH\nFROM a\nENV W=$V\n';
    expect(facts(text)?.env.P).toBe('/a:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(facts(text, 1)?.env.W).toBe('1');
  });

  it('on an image, names the Dockerfile does not set stay as written (the image may set them)', () => {
    expect(facts('FROM node:22\nARG V=1\nENV PATH=/app:$PATH X=${NOPE:-d} V=$V\n')?.env).toEqual({
      PATH: '/app:$PATH',
      X: '${NOPE:-d}',
      V: '1',
    });
  });

  it('expands COPY and ADD sources, not heredoc markers', () => {
    const s = parse(
      'FROM scratch\nARG SRC=dist\nCOPY "$SRC/app" ${SRC:-x}/b /app/\nADD https://x.io/${SRC}.tgz /a\nCOPY <<EOF /f\nEOF\n',
    ).model.stages[0];
    expect(s?.inputs.map((i) => i.pattern)).toEqual(['dist/app', 'dist/b', 'https://x.io/dist.tgz']);
    expect(s?.instructions[4]?.argv).toEqual(['<<EOF', '/f']);
  });

  it('a word BuildKit cannot expand inside a stage is a warning (only that stage fails)', () => {
    expect(codes("FROM scratch\nENV A='open\n")).toEqual(['2:7 warning DF017']);
    expect(codes('FROM scratch\nCOPY ${A:?needed} /x\n')).toEqual(['2:6 warning DF017']);
    expect(codes('FROM scratch\nARG A\nCOPY ${A:?needed} /x\n', { A: 'a' })).toEqual([]);
    // COPY cuts its words on blanks first, so BuildKit cannot use a quoted heredoc name with a blank.
    expect(codes('FROM scratch\nCOPY <<"A B" /d/\nx\nA B\n')).toEqual([
      '2:6 warning DF017',
      '2:11 warning DF017',
    ]);
  });

  it('ENV and LABEL syntax errors fail every target (DF016)', () => {
    expect(codes('FROM scratch\nENV PATH\n')).toEqual(['2:1 error DF016']);
    expect(codes('FROM scratch\nLABEL a=1 b\n')).toEqual(['2:11 error DF016']);
    expect(facts('FROM scratch\nENV A 1 "2"\n')?.env).toEqual({ A: '1 2' });
  });
});

describe('--from and --mount from', () => {
  it('accepts quotes BuildKit removes; rejects variables (DF014)', () => {
    const text = 'FROM scratch AS build\nFROM scratch\nCOPY --from="build" /a /a\n';
    expect(graph(text)[1]).toEqual(['1', 'scratch', ['build']]);
    expect(codes('FROM scratch AS a\nFROM scratch\nCOPY --from=${S:-a} /a /a\n')).toEqual([
      '3:13 error DF014',
    ]);
    expect(codes('FROM scratch AS a\nFROM scratch\nRUN --mount=from=$S,target=/x true\n')).toEqual([
      '3:18 error DF014',
    ]);
  });

  it('reads --mount as CSV after the flag quotes are removed', () => {
    const text =
      'FROM scratch AS base\nFROM scratch\nRUN --mount="type=bind,from=base,target=/x" --mount=type=bind,"from=x$",target=/y true\n';
    expect(parse(text).model.stages[1]).toMatchObject({ dependsOn: ['base'], images: ['x$'] });
  });

  it("runs the parent stage's ONBUILD triggers in a child stage", () => {
    const text =
      'FROM scratch AS tools\nFROM scratch AS base\nONBUILD COPY --from=tools /t /t\nFROM base AS app\nFROM scratch AS other\n';
    expect(graph(text)).toEqual([
      ['tools', 'scratch', []],
      ['base', 'scratch', []],
      ['app', 'base', ['base', 'tools']],
      ['other', 'scratch', []],
    ]);
  });
});

describe('instructions as BuildKit cuts them', () => {
  it('a quoted or escaped heredoc marker is an ordinary command (issue 9)', () => {
    const { model, diagnostics } = parse(
      'FROM alpine:3\nRUN echo "<<EOF" > f\nRUN echo \\<<X\nFROM alpine:3 AS b\n',
    );
    expect(diagnostics).toEqual([]);
    expect(model.stages.map((s) => [s.key, s.instructions.map((i) => i.keyword)])).toEqual([
      ['0', ['FROM', 'RUN', 'RUN']],
      ['b', ['FROM']],
    ]);
  });

  it('heredoc bodies are not instructions, whichever form the marker takes', () => {
    const { model, diagnostics } = parse(
      'FROM alpine:3\nRUN cat << EOF > /x\nFROM evil\nEOF\nCOPY <<A <<-C /d/\nx\nA\n\tC\nRUN cat <<"A B"\nA B\nFROM alpine:3 AS b\n',
    );
    expect(diagnostics).toEqual([]);
    expect(model.stages.map((s) => s.instructions.map((i) => `${i.keyword}@${i.line}-${i.endLine}`))).toEqual(
      [['FROM@1-1', 'RUN@2-4', 'COPY@5-8', 'RUN@9-10'], ['FROM@11-11']],
    );
    expect(model.stages[0]?.instructions[1]?.args).toBe('cat << EOF > /x\nFROM evil\nEOF');
  });

  it('an unterminated heredoc is located at its marker (DF006)', () => {
    expect(codes('FROM alpine:3\nRUN a && cat <<-"END"\necho\n')).toEqual(['2:14 error DF006']);
  });

  it('a file ending in a line continuation is accepted, with a warning (DF015)', () => {
    const { model, diagnostics } = parse('FROM alpine:3\nRUN echo \\\n');
    expect(diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning DF015']);
    expect(model.stages[0]?.instructions[1]?.args).toBe('echo');
  });

  it('flags are cut as BuildKit does: quotes removed, `--` ends them', () => {
    const i = parse('FROM scratch\nCOPY --chown="a b" --link -- --x /d\n').model.stages[0]?.instructions[1];
    expect([i?.allFlags, i?.argv]).toEqual([
      [
        ['chown', 'a b'],
        ['link', null],
      ],
      ['--x', '/d'],
    ]);
  });

  it('a bad escape directive fails every target (DF016)', () => {
    expect(codes('# escape=x\nFROM scratch\n')).toEqual(['1:1 error DF016']);
  });

  it('FROM takes exactly one or three words', () => {
    expect(codes('FROM a AS b c\n')).toEqual(['1:1 error DF008']);
    expect(codes('FROM a b\n')).toEqual(['1:1 error DF008']);
  });
});
