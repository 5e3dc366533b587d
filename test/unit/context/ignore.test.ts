import { describe, expect, it } from 'vitest';
import { applyIgnore, ignoreRules, readIgnoreFile } from '../../../src/context/dockerignore.js';
import {
  matchesOrParentMatches,
  newPatternMatcher,
  PathFilter,
} from '../../../src/context/patternmatcher.js';

const pm = (patterns: string[]) => {
  const r = newPatternMatcher(patterns);
  if (!r.ok) throw new Error(r.error.message);
  return r.matcher;
};

// Cases follow moby/patternmatcher's behaviour (MatchesOrParentMatches and the walk's parent results).
describe('moby/patternmatcher: one pattern', () => {
  it.each([
    ['**', 'file', true],
    ['**', 'dir/file', true],
    ['**/', 'file', true],
    ['**/**', 'dir/file', true],
    ['dir/**', 'dir/file', true],
    ['dir/**', 'dir/dir2/file', true],
    ['dir/**', 'dir', false],
    ['**/dir', 'dir', true],
    ['**/dir', 'dir/file', true],
    ['**/dir2/*', 'dir/dir2/file', true],
    ['**/dir2/**', 'dir/dir2/dir3/file', true],
    ['**file', 'file', true],
    ['**file', 'dir/file', true],
    ['**file', 'dir/xfile', true],
    ['**/file', 'dir/dir/file', true],
    ['**/file', 'dir/xfile', false],
    ['**/file*', 'dir/dir/file.txt', true],
    ['**/file*.txt', 'dir/dir/file.txt', true],
    ['**/**/*.txt', 'dir/dir/file.txt', true],
    ['**/**/*.txt2', 'dir/dir/file.txt', false],
    ['**/*.txt', 'file.txt', true],
    ['a**/*.txt', 'a/dir/dir/file.txt', true],
    ['a/*.txt', 'a/dir/file.txt', false],
    ['a/*.txt', 'a/file.txt', true],
    ['a[b-d]e', 'ace', true],
    ['a[b-d]e', 'aae', false],
    ['a[^b-d]e', 'aze', true],
    ['a[!b]e', 'a!e', true],
    ['a[!b]e', 'ace', false],
    ['.*', '.foo', true],
    ['.*', 'foo', false],
    ['abc.def', 'abcdef', false],
    ['abc?def', 'abcZdef', true],
    ['a\\\\', 'a\\', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['**/foo/bar', 'foo/bar', true],
    ['**/foo/bar', 'dir/dir2/foo/bar', true],
    ['abc/**', 'abc', false],
    ['abc/**', 'abc/def/ghi', true],
    ['**/.foo', '.foo', true],
    ['**/.foo', 'bar.foo', false],
    ['a(b)c/def', 'a(b)c/def', true],
    ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
    ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
    ['a*', 'ab/c', true], // the parent directory `ab` matches
    ['/docs', 'docs/x', false], // New keeps a leading / (ReadAll strips it from ignore files)
    ['./docs/', 'docs/x', true],
    ['docs/../src', 'src/a', true],
    ['Docs', 'docs', false], // case-sensitive, unlike @balena/dockerignore
    // a \ before a letter reaches Go's regexp: \d is a digit there
    ['v\\d', 'v1', true],
    ['v\\d', 'vd', false],
    ['[[:digit:]]x', '7x', true],
    ['a^b', 'a^b', true], // no wildcard: compared as text
    ['a^b*', 'a^bc', false], // with one, ^ reaches the regexp as an anchor
  ])('%j matches %j: %s', (pattern, path, expected) => {
    expect(matchesOrParentMatches(pm([pattern]), path)).toBe(expected);
  });
});

describe('moby/patternmatcher: lists, exclusions and the walk', () => {
  it.each([
    [['!fileutils.go', '*.go'], 'fileutils.go', true],
    [['*.go', '!fileutils.go'], 'fileutils.go', false],
    [['docs', '!docs/README.md'], 'docs/README.md', false],
    [['docs/', '!docs/README.md'], 'docs/README.md', false],
    [['docs/*', '!docs/README.md'], 'docs/README.md', false],
    [['docs', '!docs/README.md'], 'docs/other.md', true],
    [['**', '!util/docker/web'], 'util/docker/web/foo', false],
    [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
    [['**', '!dist/*.whl'], 'dist/a.whl', false],
    [['docs/*', '!docs/sub'], 'docs/sub/deep/x', false],
    // BuildKit's walk hands each directory's results down: `!a` tried for `a` while it was unmatched
    // (skipped), so it does not re-include `a/b/c` — MatchesOrParentMatches alone would.
    [['a/b', '!a'], 'a/b/c', true],
  ] as [string[], string, boolean][])('%j: %s excluded = %s', (patterns, path, expected) => {
    expect(new PathFilter(pm(patterns)).matched(path)).toBe(expected);
  });

  it('rejects what patternmatcher.New rejects', () => {
    expect(newPatternMatcher(['!']).ok).toBe(false);
    expect(newPatternMatcher(['ok', '[']).ok).toBe(false);
    expect(newPatternMatcher(['a\\']).ok).toBe(false);
    expect(newPatternMatcher(['[z-a]']).ok).toBe(false); // Go's regexp refuses the reversed range
    expect(newPatternMatcher(['', '  ', 'ok']).ok).toBe(true);
  });
});

describe('ignore files as BuildKit reads them (ignorefile.ReadAll)', () => {
  it('comments only in column 1, BOM, trimming, ! and leading /', () => {
    const text =
      '\uFEFF# comment\n  # not a comment\n\n node_modules \n!  /keep.txt\n/abs/path/\r\n./x/../y/\n';
    expect(readIgnoreFile(text)).toEqual({
      patterns: ['# not a comment', 'node_modules', '!keep.txt', 'abs/path', 'y'],
      lines: [2, 4, 5, 6, 7],
    });
  });

  it('applies the rules to a file list, re-including under an excluded directory', () => {
    const rules = ignoreRules('.dockerignore', 'docs\n!docs/keep.md\n**/*.log\n');
    expect(applyIgnore(['docs/a.md', 'docs/keep.md', 'src/x.log', 'src/x.ts', 'a.log'], rules)).toEqual([
      'docs/keep.md',
      'src/x.ts',
    ]);
  });

  it('a bad pattern is a located problem, not a throw', () => {
    const rules = ignoreRules('.dockerignore', 'ok\n\nsrc/[a-\n');
    expect(rules.matcher).toBeNull();
    expect(rules.problem).toMatchObject({
      code: 'CTX001',
      file: '.dockerignore',
      range: { start: { line: 3 } },
    });
  });
});
