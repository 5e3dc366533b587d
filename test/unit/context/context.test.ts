import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIgnoreRules } from '../../../src/context/dockerignore.js';
import { sourceMatcher } from '../../../src/context/glob.js';
import { stageInputFiles } from '../../../src/context/inputs.js';
import { contextFiles } from '../../../src/context/walk.js';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-ctx-'));
  for (const [f, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), t);
  }
  return dir;
}

describe('sourceMatcher (COPY/ADD source patterns)', () => {
  it.each([
    ['src', 'src/a/b.ts', true],
    ['src', 'srcx/a', false],
    ['package*.json', 'package-lock.json', true],
    ['package*.json', 'sub/package.json', false],
    ['*.txt', 'a.txt', true],
    ['*.txt', 'd/a.txt', false],
    ['src/*/index.ts', 'src/a/index.ts', true],
    ['src/**/x.ts', 'src/a/b/x.ts', true],
    ['src/**/x.ts', 'src/x.ts', true],
    ['file?.md', 'file1.md', true],
    ['[ab].c', 'b.c', true],
    ['[!ab].c', 'b.c', false],
    ['conf*', 'config/nginx.conf', true],
  ])('%s matches %s: %s', (pattern, file, expected) => {
    expect(sourceMatcher(pattern).matches(file)).toBe(expected);
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
    const { model } = parseDockerfile(
      'FROM scratch AS a\nCOPY src/ /src/\nCOPY package*.json /\nFROM scratch AS b\nCOPY docs /docs\nRUN --mount=type=bind,source=tools,target=/t true\nFROM a AS c\nCOPY --from=a /src /x\n',
      'Dockerfile',
    );
    const files = ['docs/keep.md', 'package.json', 'src/a.ts', 'tools/t.sh'];
    expect(Object.fromEntries(stageInputFiles(model, files))).toEqual({
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
