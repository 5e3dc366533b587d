import { describe, expect, it } from 'vitest';
import { ignoreRules } from '../../../src/context/dockerignore.js';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';
import { type FingerprintInput, specFingerprint, stageFingerprints } from '../../../src/plan/fingerprint.js';

const DF =
  'ARG BASE=alpine:3\nFROM ${BASE} AS base\nCOPY src/ /src/\nFROM base AS app\nARG V\nRUN echo $V\nFROM scratch AS lone\nCOPY README.md /\n';
const ids: Record<string, string> = { 'src/a.ts': 'a1', 'README.md': 'r1', 'docs/x.md': 'x1' };

function fps(
  over: Partial<Omit<FingerprintInput, 'files'>> & { text?: string; files?: Record<string, string> } = {},
) {
  const text = over.text ?? DF;
  const files = over.files ?? ids;
  const { model } = parseDockerfile(text, 'Dockerfile', {
    buildArgs: over.buildArgs ?? {},
    platform: 'linux/amd64',
  });
  const r = stageFingerprints({
    model,
    text,
    buildArgs: over.buildArgs ?? {},
    ignore: over.ignore ?? ignoreRules(null, null),
    files: Object.keys(files),
    fileId: (p) => ({ id: files[p] as string, mode: '100644' }),
    images: over.images ?? { 'alpine:3': 'sha256:aaa' },
  });
  return Object.fromEntries([...r].map(([k, v]) => [k, v.fingerprint]));
}

describe('stage fingerprints', () => {
  const base = fps();

  it('are stable and differ per stage', () => {
    expect(fps()).toEqual(base);
    expect(new Set(Object.values(base)).size).toBe(3);
    expect(base.base).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('change with an input file, and with it everything built on the stage', () => {
    const f = fps({ files: { ...ids, 'src/a.ts': 'a2' } });
    expect(f.base).not.toBe(base.base);
    expect(f.app).not.toBe(base.app);
    expect(f.lone).toBe(base.lone);
    expect(fps({ files: { ...ids, 'docs/x.md': 'x2' } })).toEqual(base); // not an input
  });

  it('ignore comments and layout; follow instructions, build args and base image ids', () => {
    expect(fps({ text: `# hi\n${DF.replace('RUN echo $V', '\n# c\nRUN echo $V')}` })).toEqual(base);
    expect(fps({ text: DF.replace('RUN echo $V', 'RUN echo "$V"') }).app).not.toBe(base.app);
    const args = fps({ buildArgs: { V: '2' } });
    expect(args.app).not.toBe(base.app);
    expect(args.base).toBe(base.base);
    const img = fps({ images: { 'alpine:3': 'sha256:bbb' } });
    expect(img.base).not.toBe(base.base);
    expect(img.lone).toBe(base.lone);
  });

  it('is null when an image id is unknown', () => {
    const f = fps({ images: {} });
    expect(f.base).toBeNull();
    expect(f.app).toBeNull();
    expect(f.lone).not.toBeNull();
  });

  it('the ignore file decides which files count', () => {
    expect(fps({ ignore: ignoreRules('.dockerignore', 'src/a.ts\n') }).base).not.toBe(base.base);
  });
});

describe('spec fingerprints', () => {
  it('cover the rendered files, vars and run settings, key order aside', () => {
    const a = specFingerprint({
      files: [{ path: 'g.yaml', rendered: 'x' }],
      vars: { a: 1, b: 2 },
      run: null,
    });
    expect(
      specFingerprint({ files: [{ path: 'g.yaml', rendered: 'x' }], vars: { b: 2, a: 1 }, run: null }),
    ).toBe(a);
    expect(
      specFingerprint({ files: [{ path: 'g.yaml', rendered: 'y' }], vars: { a: 1, b: 2 }, run: null }),
    ).not.toBe(a);
    expect(
      specFingerprint({
        files: [{ path: 'g.yaml', rendered: 'x' }],
        vars: { a: 1, b: 2 },
        run: { cmd: ['x'] },
      }),
    ).not.toBe(a);
  });
});
