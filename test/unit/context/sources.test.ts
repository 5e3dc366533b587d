import { describe, expect, it } from 'vitest';
import { ContextIndex, selectSource } from '../../../src/context/sources.js';

const ctx = new ContextIndex(
  [
    'package.json',
    'package-lock.json',
    'src/a.ts',
    'src/lib/b.ts',
    'src/lib/deep/c.ts',
    'docs/x.md',
    'docs/y.txt',
    'a*b',
    'link',
    'real/f.txt',
    'tools/run.sh',
  ],
  new Map([['link', 'real']]),
);
const copy = (source: string, extra: Partial<Parameters<typeof selectSource>[1]> = {}) =>
  selectSource(ctx, { source, kind: 'copy', ...extra });

describe('COPY/ADD sources as BuildKit selects them', () => {
  it('a literal path: the file, or the directory and everything below it', () => {
    expect(copy('package.json')).toEqual(['package.json']);
    expect(copy('./src/')).toEqual(['src/a.ts', 'src/lib/b.ts', 'src/lib/deep/c.ts']);
    expect(copy('/src/lib/../lib')).toEqual(['src/lib/b.ts', 'src/lib/deep/c.ts']);
    expect(copy('missing')).toEqual([]);
  });

  it('the context root: . and / take everything', () => {
    expect(copy('.')).toHaveLength(11);
    expect(copy('/')).toHaveLength(11);
  });

  it('wildcards below the literal part, matched per path with Go filepath.Match', () => {
    expect(copy('package*.json')).toEqual(['package-lock.json', 'package.json']);
    expect(copy('src/*')).toEqual(['src/a.ts', 'src/lib/b.ts', 'src/lib/deep/c.ts']); // src/lib matches
    expect(copy('src/*.ts')).toEqual(['src/a.ts']);
    expect(copy('src/**/*.ts')).toEqual(['src/lib/b.ts']); // ** is *: exactly one level
    expect(copy('src/*/deep')).toEqual(['src/lib/deep/c.ts']);
    expect(copy('docs/[!x].md')).toEqual(['docs/x.md']); // the class of ! and x: not a negation
    expect(copy('docs/[^x]*')).toEqual(['docs/y.txt']);
    expect(copy('a\\*b')).toEqual([]); // a literal segment keeps its backslash, as BuildKit does
    expect(copy('a[*]b')).toEqual(['a*b']);
    expect(copy('src/[')).toEqual([]); // ErrBadPattern: nothing matches
  });

  it('symlinks are followed: in the path and on a match', () => {
    expect(copy('link')).toEqual(['link', 'real/f.txt']);
    expect(copy('link/f.txt')).toEqual(['real/f.txt']);
    expect(copy('lin?')).toEqual(['link', 'real/f.txt']);
  });

  it('--exclude drops files below a match (relative to it), never the match itself', () => {
    expect(copy('src', { exclude: ['lib/deep'] })).toEqual(['src/a.ts', 'src/lib/b.ts']);
    expect(copy('src/*.ts', { exclude: ['*.ts'] })).toEqual(['src/a.ts']);
    expect(copy('.', { exclude: ['**/*.ts', 'src', '!src/lib'] })).not.toContain('src/a.ts');
  });

  it('--parents: patternmatcher patterns (with **) below the part before /./', () => {
    expect(copy('src/**/*.ts', { parents: true })).toEqual(['src/a.ts', 'src/lib/b.ts', 'src/lib/deep/c.ts']);
    expect(copy('src/./lib/*.ts', { parents: true })).toEqual(['src/lib/b.ts']);
  });

  it('a bind mount source is a plain path; $ in a source means everything', () => {
    expect(selectSource(ctx, { source: 'tools', kind: 'mount' })).toEqual(['tools/run.sh']);
    expect(selectSource(ctx, { source: 'a*b', kind: 'mount' })).toEqual(['a*b']);
    expect(selectSource(ctx, { source: '/', kind: 'mount' })).toHaveLength(11);
    expect(copy('${SRC}/x')).toHaveLength(11);
  });

  it('a bind mount follows links on its source, as the exec op does (FollowLinks)', () => {
    const mount = (source: string) => selectSource(ctx, { source, kind: 'mount' });
    expect(mount('link')).toEqual(['link', 'real/f.txt']);
    expect(mount('link/f.txt')).toEqual(['real/f.txt']);
  });
});
