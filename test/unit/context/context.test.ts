import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIgnoreRules } from '../../../src/context/dockerignore.js';
import { stageInputFiles } from '../../../src/context/inputs.js';
import { ContextIndex, selectSource } from '../../../src/context/sources.js';
import { contextFiles } from '../../../src/context/walk.js';
import { stageContextSources } from '../../../src/dockerfile/context-sources.js';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-ctx-'));
  for (const [f, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), t);
  }
  return dir;
}

describe('COPY/ADD source patterns (BuildKit: Go filepath.Match below the literal part)', () => {
  // Two cases used to pin globstar and `[!...]` negation, which BuildKit does not have: `src/**/x.ts` is
  // `src/*/x.ts` (one directory), and `[!ab]` is the class of `!`, `a` and `b`.
  const files = ['src/a/b/x.ts', 'src/a/x.ts', 'src/x.ts', 'b.c', 'x.c', '!.c', 'config/nginx.conf'];
  const ctx = new ContextIndex(files);
  it.each([
    ['src', 'src/a/b/x.ts', true],
    ['src', 'srcx/a', false],
    ['src/*/index.ts', 'src/a/x.ts', false],
    ['src/**/x.ts', 'src/a/x.ts', true],
    ['src/**/x.ts', 'src/a/b/x.ts', false],
    ['src/**/x.ts', 'src/x.ts', false],
    ['[ab].c', 'b.c', true],
    ['[!ab].c', 'b.c', true],
    ['[!ab].c', '!.c', true],
    ['[!ab].c', 'x.c', false],
    ['[^ab].c', 'x.c', true],
    ['conf*', 'config/nginx.conf', true],
  ])('%s reads %s: %s', (source, file, expected) => {
    expect(selectSource(ctx, { source, kind: 'copy' }).includes(file)).toBe(expected);
  });
});

describe('.dockerignore and the context', () => {
  const dir = tree({
    '.dockerignore': '# comment\nnode_modules\n**/*.log\ndocs\n!docs/keep.md\n',
    'docker/Dockerfile':
      'FROM scratch AS a\nCOPY src/ /src/\nCOPY package*.json /\nFROM scratch AS b\nCOPY docs /docs\nRUN --mount=type=bind,source=tools,target=/t true\nFROM a AS c\nCOPY --from=a /src /x\n',
    'src/a.ts': '',
    'src/debug.log': '',
    'package.json': '',
    'node_modules/x/index.js': '',
    'docs/readme.md': '',
    'docs/keep.md': '',
    'tools/t.sh': '',
  });

  it('the context-root .dockerignore applies, with negations', () => {
    const rules = loadIgnoreRules(join(dir, 'docker/Dockerfile'), dir);
    expect(rules.file).toBe('.dockerignore');
    expect(contextFiles(dir, rules).sort()).toEqual([
      '.dockerignore',
      'docker/Dockerfile',
      'docs/keep.md',
      'package.json',
      'src/a.ts',
      'tools/t.sh',
    ]);
  });

  it('<Dockerfile>.dockerignore next to the Dockerfile wins', () => {
    writeFileSync(join(dir, 'docker/Dockerfile.dockerignore'), 'src\n');
    try {
      const rules = loadIgnoreRules(join(dir, 'docker/Dockerfile'), dir);
      expect(rules.file).toBe('docker/Dockerfile.dockerignore');
      expect(contextFiles(dir, rules)).not.toContain('src/a.ts');
      expect(contextFiles(dir, rules)).toContain('node_modules/x/index.js');
    } finally {
      writeFileSync(join(dir, 'docker/Dockerfile.dockerignore'), '');
    }
  });

  it('each stage reads the files its COPY/ADD/bind sources match, not --from copies', () => {
    const text =
      'FROM scratch AS a\nCOPY src/ /src/\nCOPY package*.json /\nFROM scratch AS b\nCOPY docs /docs\nRUN --mount=type=bind,source=tools,target=/t true\nFROM a AS c\nCOPY --from=a /src /x\n';
    const { model } = parseDockerfile(text, 'Dockerfile');
    const files = new ContextIndex(['docs/keep.md', 'package.json', 'src/a.ts', 'tools/t.sh']);
    expect(Object.fromEntries(stageInputFiles(stageContextSources(model, text), files))).toEqual({
      a: ['package.json', 'src/a.ts'],
      b: ['docs/keep.md', 'tools/t.sh'],
      c: [],
    });
    expect(model.stages[1]?.inputs.map((i) => [i.via, i.pattern])).toEqual([
      ['COPY', 'docs'],
      ['RUN --mount', 'tools'],
    ]);
  });
});
