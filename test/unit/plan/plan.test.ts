import { describe, expect, it } from 'vitest';
import { planStages } from '../../../src/plan/plan.js';
import { A, D, input, M, type Side } from './helpers.js';

const DF = [
  'ARG BASE=alpine:3.20',
  'ARG TOOL_VERSION=1.0',
  'ARG UNUSED=1',
  'FROM ${BASE} AS base',
  'RUN apk add curl',
  '',
  'FROM base AS build',
  'ARG TOOL_VERSION',
  'COPY package*.json ./',
  'COPY src/ ./src/',
  'RUN make',
  '',
  'FROM scratch AS docs',
  'COPY docs/*.md /docs/',
  '',
  'FROM base AS release',
  'COPY --from=build /out /app',
  'COPY --from=2 /docs /docs',
  '',
].join('\n');
const FILES = [
  'package.json',
  'package-lock.json',
  'src/a.ts',
  'src/lib/b.ts',
  'docs/x.md',
  'docs/y.txt',
  'README.md',
];
const side = (over: Partial<Side> = {}): Side => ({ dockerfile: DF, files: FILES, ...over });
const actions = (p: ReturnType<typeof planStages>) =>
  Object.fromEntries(p.stages.map((s) => [s.name, s.action]));

describe('planStages: what a change rebuilds', () => {
  it('nothing changed: everything skips', () => {
    const p = planStages(input(side(), side(), []));
    expect(actions(p)).toEqual({ base: 'skip', build: 'skip', docs: 'skip', release: 'skip' });
    expect(p.buildOrder).toEqual([]);
  });

  it('1. a changed input file rebuilds the stage and what depends on it, with reasons', () => {
    const p = planStages(input(side(), side(), [M('src/a.ts'), M('README.md')]));
    expect(actions(p)).toEqual({ base: 'skip', build: 'build', docs: 'skip', release: 'build' });
    expect(p.stages[1]?.reasons).toEqual([{ kind: 'input', file: 'src/a.ts', text: 'src/a.ts modified' }]);
    expect(p.stages[3]?.reasons).toEqual([
      { kind: 'dependency', stage: 'build', text: 'depends on build, which is rebuilt' },
    ]);
    expect(p.buildOrder).toEqual(['build', 'release']);
  });

  it('1. added and deleted files count; a numeric --from is a dependency', () => {
    const head = side({ files: [...FILES, 'docs/new.md'] });
    const p = planStages(input(side(), head, [A('docs/new.md')]));
    expect(actions(p)).toMatchObject({ docs: 'build', release: 'build' });
    const gone = side({ files: FILES.filter((f) => f !== 'package-lock.json') });
    expect(actions(planStages(input(side(), gone, [D('package-lock.json')])))).toMatchObject({
      build: 'build',
    });
  });

  it('2. an instruction edit rebuilds only its stage (and dependents); comments and blank lines do not', () => {
    const edited = DF.replace('RUN make', 'RUN make all');
    const p = planStages(input(side(), side({ dockerfile: edited }), [M('Dockerfile')]));
    expect(actions(p)).toEqual({ base: 'skip', build: 'build', docs: 'skip', release: 'build' });
    expect(p.stages[1]?.reasons[0]).toMatchObject({ kind: 'instruction', line: 11, file: 'Dockerfile' });
    const moved = `# a new comment\n\n${DF.replace('RUN apk add curl', '# why curl\nRUN apk add \\\n  # inside\n curl')}`;
    expect(actions(planStages(input(side(), side({ dockerfile: moved }), [M('Dockerfile')])))).toEqual({
      base: 'build', // `apk add \` + ` curl` joins to `apk add  curl`: two spaces, another command
      build: 'build',
      docs: 'skip',
      release: 'build',
    });
    const commentsOnly = `# header\n${DF.replace('RUN make', '# build it\nRUN make # not a comment')}`;
    expect(
      actions(
        planStages(input(side(), side({ dockerfile: `# header\n\n${DF}\n# trailing` }), [M('Dockerfile')])),
      ),
    ).toEqual({
      base: 'skip',
      build: 'skip',
      docs: 'skip',
      release: 'skip',
    });
    expect(
      actions(planStages(input(side(), side({ dockerfile: commentsOnly }), [M('Dockerfile')]))).build,
    ).toBe('build');
  });

  it('3. a global ARG default: used by FROM or redeclared rebuilds; unused does not', () => {
    const p = planStages(
      input(side(), side({ dockerfile: DF.replace('TOOL_VERSION=1.0', 'TOOL_VERSION=2.0') }), [
        M('Dockerfile'),
      ]),
    );
    expect(actions(p)).toEqual({ base: 'skip', build: 'build', docs: 'skip', release: 'build' });
    expect(p.stages[1]?.reasons[0]).toMatchObject({ kind: 'arg', arg: 'TOOL_VERSION', line: 2 });
    const unused = planStages(
      input(side(), side({ dockerfile: DF.replace('UNUSED=1', 'UNUSED=2') }), [M('Dockerfile')]),
    );
    expect(actions(unused)).toEqual({ base: 'skip', build: 'skip', docs: 'skip', release: 'skip' });
    const from = planStages(
      input(side(), side({ dockerfile: DF.replace('alpine:3.20', 'alpine:3.21') }), [M('Dockerfile')]),
    );
    expect(actions(from)).toEqual({ base: 'build', build: 'build', docs: 'skip', release: 'build' });
    expect(from.stages[0]?.reasons.map((r) => r.kind)).toEqual(['arg', 'base-image']);
  });

  it('4. an ignore-file change that adds or removes inputs rebuilds; one that does not, does not', () => {
    const p = planStages(input(side({ ignore: 'docs/x.md\n' }), side({ ignore: '' }), [M('.dockerignore')]));
    expect(actions(p)).toEqual({ base: 'skip', build: 'skip', docs: 'build', release: 'build' });
    expect(p.stages[2]?.reasons[0]).toMatchObject({ kind: 'ignore-file', file: '.dockerignore' });
    const reinclude = planStages(
      input(side({ ignore: 'src\n' }), side({ ignore: 'src\n!src/lib/b.ts\n' }), [M('.dockerignore')]),
    );
    expect(actions(reinclude)).toMatchObject({ build: 'build', docs: 'skip' });
    const unrelated = planStages(
      input(side({ ignore: 'README.md\n' }), side({ ignore: 'README.md\nnode_modules\n' }), [
        M('.dockerignore'),
      ]),
    );
    expect(actions(unrelated)).toEqual({ base: 'skip', build: 'skip', docs: 'skip', release: 'skip' });
  });

  it('4. a refused ignore file: stages reading the context are built, and say why', () => {
    const p = planStages(input(side(), side({ ignore: 'src/[\n' }), [M('.dockerignore')]));
    expect(actions(p)).toEqual({ base: 'skip', build: 'build', docs: 'build', release: 'build' });
    expect(p.stages[1]?.reasons[0]).toMatchObject({ kind: 'ignore-file', line: 1 });
  });

  it('6. a changed base image reference', () => {
    const p = planStages(
      input(side(), side({ dockerfile: DF.replace('FROM scratch AS docs', 'FROM busybox AS docs') }), []),
    );
    expect(actions(p).docs).toBe('build');
    expect(p.stages[2]?.reasons.map((r) => r.kind)).toEqual(['instruction', 'base-image']);
  });

  it('7. a build arg in slipway.yaml the stage uses; one it does not use is ignored', () => {
    const p = planStages(input(side(), side({ buildArgs: { TOOL_VERSION: '9' } }), [M('slipway.yaml')]));
    expect(actions(p)).toEqual({ base: 'skip', build: 'build', docs: 'skip', release: 'build' });
    expect(p.stages[1]?.reasons[0]).toMatchObject({
      kind: 'config',
      arg: 'TOOL_VERSION',
      file: 'slipway.yaml',
    });
    const unused = planStages(input(side(), side({ buildArgs: { NOPE: '1' } }), [M('slipway.yaml')]));
    expect(actions(unused).build).toBe('skip');
  });

  it('test: a spec or an included file changed, or the test settings; build wins', () => {
    const specs = {
      docs: { file: 'docker/goss.docs.yaml', files: ['docker/goss.docs.yaml', 'docker/common.yaml'] },
    };
    const p = planStages(input(side({ specs }), side({ specs }), [M('docker/common.yaml')]));
    expect(actions(p)).toEqual({ base: 'skip', build: 'skip', docs: 'test', release: 'skip' });
    expect(p.stages[2]?.reasons[0]).toEqual({
      kind: 'spec',
      file: 'docker/common.yaml',
      text: 'docker/common.yaml modified (included by the spec)',
    });
    const settings = planStages(
      input(side(), side({ test: { build: { test: { cmd: ['sleep', '9'] } } } }), [M('slipway.yaml')]),
    );
    expect(actions(settings).build).toBe('test');
    const both = planStages(
      input(side({ specs }), side({ specs, files: FILES }), [M('docs/x.md'), M('docker/common.yaml')]),
    );
    expect(actions(both).docs).toBe('build');
  });

  it('a stage new at head is built; a removed stage is absent', () => {
    const head = DF.replace('FROM base AS release', 'FROM base AS extra\nRUN true\n\nFROM base AS release');
    const p = planStages(input(side(), side({ dockerfile: head }), [M('Dockerfile')]));
    expect(actions(p)).toEqual({
      base: 'skip',
      build: 'skip',
      docs: 'skip',
      extra: 'build',
      release: 'skip',
    });
    const fewer = DF.replace(/FROM scratch AS docs\nCOPY docs\/\*.md \/docs\/\n/, '').replace(
      'COPY --from=2 /docs /docs\n',
      '',
    );
    expect(actions(planStages(input(side(), side({ dockerfile: fewer }), [M('Dockerfile')])))).toEqual({
      base: 'skip',
      build: 'skip',
      release: 'build',
    });
  });

  it('when in doubt, build: no base, or a Dockerfile that does not parse at base', () => {
    const none = planStages(input(null, side(), []));
    expect(new Set(none.stages.map((s) => s.action))).toEqual(new Set(['build']));
    expect(none.stages[0]?.reasons).toEqual([{ kind: 'no-base', text: 'no base in this test' }]);
    expect(none.buildOrder).toEqual(['base', 'build', 'docs', 'release']);
    const broken = planStages(input(side({ dockerfile: 'FROM\nRUN' }), side(), [M('Dockerfile')]));
    expect(new Set(broken.stages.map((s) => s.action))).toEqual(new Set(['build']));
    expect(broken.stages[0]?.reasons[0]?.kind).toBe('instruction');
  });

  it('caps input reasons and counts the rest', () => {
    const files = Array.from({ length: 25 }, (_, i) => `src/f${i}.ts`);
    const p = planStages(input(side({ files }), side({ files }), files.map(M)));
    const r = p.stages[1]?.reasons ?? [];
    expect(r).toHaveLength(11);
    expect(r[10]).toEqual({ kind: 'input', text: 'and 15 more changed input files', count: 15 });
  });
});

describe('requireImages: what the diff cannot see', () => {
  it('builds a stage whose fingerprint has no image, and what depends on it', async () => {
    const { requireImages } = await import('../../../src/plan/plan.js');
    const inp = input(side(), side(), []);
    const p = requireImages(planStages(inp), inp.head.dockerfile.model, [
      { stage: 'base', fingerprint: `sha256:${'a'.repeat(64)}` },
    ]);
    expect(actions(p)).toEqual({ base: 'build', build: 'build', docs: 'skip', release: 'build' });
    expect(p.stages[0]?.reasons[0]).toMatchObject({ kind: 'no-image' });
    expect(p.buildOrder).toEqual(['base', 'build', 'release']);
  });
});
