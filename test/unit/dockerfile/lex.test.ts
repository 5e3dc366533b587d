import { describe, expect, it } from 'vitest';
import { lex } from '../../../src/dockerfile/lex.js';
import { replacePattern, reversePattern, trimPattern } from '../../../src/dockerfile/pattern.js';

/**
 * Cases written for slipway from the behaviour BuildKit's lexer is tested for
 * (moby/buildkit frontend/dockerfile/shell/envVarTest, wordsTest and lex_test.go, dockerfile frontend 1.26).
 * ERR: BuildKit returns an error.
 */
const ERR = Symbol('error');
const env = new Map<string, string | null>([
  ['DIR', '/srv'],
  ['SH', 'zsh'],
  ['EMPTY', ''],
  ['GREEK', 'αβγ'],
  ['DECL', null],
]);
const value = (word: string, vars = env, escapeChar = '\\') => {
  const r = lex(word, vars, { escape: escapeChar });
  return r.error === null ? r.value : ERR;
};

describe('lex: quotes and escapes', () => {
  it.each<[string, string | typeof ERR]>([
    ['plain', 'plain'],
    ["ab'c'd", 'abcd'],
    ["ab'cd", ERR],
    ["ab\\'cd", "ab'cd"],
    ["ab\\\\'cd", ERR],
    ['x\\ty', 'xty'],
    ['"x\\ty"', 'x\\ty'],
    ['"x\\\\ty"', 'x\\ty'],
    ["'x\\ty'", 'x\\ty'],
    ['end\\', 'end'],
    ['end\\\\', 'end\\'],
    ['"open', ERR],
    ['"open\\"', ERR],
    ['"it\'s"', "it's"],
    ["'open", ERR],
    ["'back\\'", 'back\\'],
    ["'a\\\\b'", 'a\\\\b'],
    ['"\'\'"', "''"],
    ['\'"q"\'', '"q"'],
    ['"a\\"b"', 'a"b'],
    ['a"b c"d', 'ab cd'],
    ["αβ'γ'δ", 'αβγδ'],
  ])('%s', (word, out) => {
    expect(value(word)).toBe(out);
  });
});

describe('lex: $ expansion', () => {
  it.each<[string, string | typeof ERR]>([
    ['$.', '$.'],
    ['$', '$'],
    ['v$1x', 'vx'],
    ['v$.x', 'v$.x'],
    ['v$dir.', 'v.'],
    ['v$DIR', 'v/srv'],
    ['v\\$DIR', 'v$DIR'],
    ['v\\\\$DIR', 'v\\/srv'],
    ['"v\\$DIR"', 'v$DIR'],
    ['"v\\\\$DIR"', 'v\\/srv'],
    ["'v$DIR'", 'v$DIR'],
    ["'\\$DIR'", '\\$DIR'],
    ['"v\'$DIR\'"', "v'/srv'"],
    ['\\${}', '${}'],
    ['x\\${}y', 'x${}y'],
    ['${}', ERR],
    ['x${}y', ERR],
    ['${.}', ERR],
    ['${nope}x', 'x'],
    ['${DIR}x', '/srvx'],
    ['${DIR', ERR],
    ['${{a}', ERR],
    ['${a}}', '}'],
    ['${a', ERR],
    ['${:}', ERR],
    ['${:-b}', ERR],
    ['${:+b}', ERR],
    ['αβ$GREEK', 'αβαβγ'],
    ['$GREEK${GREEK}', 'αβγαβγ'],
  ])('%s', (word, out) => {
    expect(value(word)).toBe(out);
  });
});

describe('lex: ${NAME<op>word}', () => {
  it.each<[string, string | typeof ERR]>([
    ['${NOPE:-000}', '000'],
    ['${DIR:-000}', '/srv'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${NOPE-d}', 'd'],
    ['${DECL-d}', 'd'],
    ['${DECL+a}', ''],
    ['${NOPE:-$DIR}', '/srv'],
    ['${NOPE:-${DIR:-z}}', '/srv'],
    ['${NOPE:-${NOPE2:-z}}', 'z'],
    ['${NOPE:+${DIR}}', ''],
    ['${DIR:+${NOPE}}', ''],
    ['${DIR:+${SH}}', 'zsh'],
    ['${DIR:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${DIR:+${DIR}:}', '/srv:'],
    ['${NOPE:-\\$DIR:}', '$DIR:'],
    ['${NOPE:-\\${DIR}z}', '${DIRz}'],
    ['${NOPE:-"quoted word"}', 'quoted word'],
    ["${NOPE:-'single'}", 'single'],
    ['${NOPE:-"a}b"}', 'a}b'],
    ['${a:-b}}', 'b}'],
    ['${a:-b', ERR],
    ['${a:-b ${c}', ERR],
    ['${a:-b {c}', 'b {c'],
    ['${NOPE:YYY}', ERR],
    ['${DIR:=000}', ERR],
    ['${DIR=x}', ERR],
    ['${DIR=}', ERR],
    ['${NOPE?}', ERR],
    ['${NOPE:?}', ERR],
    ['${DIR?}', '/srv'],
    ['${DIR:?}', '/srv'],
    ['${EMPTY?}', ''],
    ['${EMPTY:?}', ERR],
    ['${DECL?}', ERR],
  ])('%s', (word, out) => {
    expect(value(word)).toBe(out);
  });

  it('${NAME?message} fails with the message, expanded', () => {
    expect(lex('${NOPE?set $SH please}', env).error).toMatch(/NOPE: set zsh please$/);
    expect(lex('${EMPTY:?}', env).error).toMatch(/EMPTY: is not allowed to be empty$/);
    expect(lex('${NOPE:?}', env).error).toMatch(/NOPE: is not allowed to be unset$/);
  });

  it('reports which names were looked up', () => {
    const r = lex('${DIR:-x} $NOPE ${EMPTY}', env);
    expect([...r.matched].sort()).toEqual(['DIR', 'EMPTY']);
    expect([...r.unmatched]).toEqual(['NOPE']);
  });
});

describe('lex: positional and special parameters are never set', () => {
  it.each<[string, string]>([
    ['$9', ''],
    ['${12}', ''],
    ['${3:+b}', ''],
    ['${3:-b}', 'b'],
    ['$42x', 'x'],
    ['$007x', 'x'],
    ['${007:-b}x', 'bx'],
    ['$@', ''],
    ['$@@@', '@@'],
    ['${*:-b}', 'b'],
    ['$#', ''],
    ['${?}', ''],
    ['$-', ''],
    ['$$', ''],
    ['a$$b', 'ab'],
    ['${$:-b}', 'b'],
    ['$!', ''],
    ['${0:+b}', ''],
  ])('%s', (word, out) => {
    expect(value(word)).toBe(out);
  });
});

describe('lex: ${NAME#pattern}, ${NAME%pattern}', () => {
  const files = new Map<string, string | null>([
    ['V', 'pkg.tar.gz'],
    ['STARS', 'ab**'],
    ['Q', '???z'],
    ['DOT', '.'],
    ['SPECIAL', '(a)[b]{c}^$.+|x'],
  ]);
  it.each<[string, string | typeof ERR]>([
    ['${V#*.}', 'tar.gz'],
    ['${V##*.}', 'gz'],
    ['${V%.*}', 'pkg.tar'],
    ['${V%%.*}', 'pkg'],
    ['${V#pkg}', '.tar.gz'],
    ['${V#x}', 'pkg.tar.gz'],
    ['${V#}', 'pkg.tar.gz'],
    ['${V%%}', 'pkg.tar.gz'],
    ['${V#*}', 'pkg.tar.gz'],
    ['${V##*}', ''],
    ['${V#???}', '.tar.gz'],
    ['${V#*$DOT}', 'tar.gz'],
    ['${V%$NOPE}', 'pkg.tar.gz'],
    ['${STARS%%\\**}', 'ab'],
    ['${Q#?\\?}', '?z'],
    ['${SPECIAL#(a)[b]{c\\}^$.+|}', 'x'],
    ['${NOPE#x}', ''],
    ['${V:#x}', ERR],
    ['${V:##x}', ERR],
    ['${V:%x}', ERR],
    ['${V:%%x}', ERR],
    ['${V#\\x}', ERR],
    ['${V%\\}', ERR],
  ])('%s', (word, out) => {
    expect(value(word, files)).toBe(out);
  });
});

describe('lex: ${NAME/pattern/replacement}', () => {
  const vars = new Map<string, string | null>([
    ['URL', 'http://example.org'],
    ['P', '/usr/local/bin'],
    ['ABC', 'abc'],
    ['NEEDLE', 'l*/'],
  ]);
  it.each<[string, string | typeof ERR]>([
    ['${URL/http:/https:}', 'https://example.org'],
    ['${P/\\//-}', '-usr/local/bin'],
    ['${P//\\//-}', '-usr-local-bin'],
    ['${P/$NEEDLE/X}', '/usr/Xbin'],
    ['${P/l?c/X}', '/usr/Xal/bin'],
    ['${P//\\//\\/}', '\\/usr\\/local\\/bin'],
    ['${ABC/x/y}', 'abc'],
    ['${ABC//b}', ERR],
    ['${ABC//}', ERR],
    ['${ABC///}', 'abc'],
    ['${NOPE///}', ''],
    ['${ABC/$NOPE/-}', '-abc'],
    // Replace-all keeps Go's regexp rules: no second replacement for the empty match at the end…
    ['${ABC//*/X}', 'X'],
    // …and the replacement is a Go template: `$0` is the match (a literal `$` needs the escape).
    ['${ABC//b/[\\$0]}', 'a[\\b]c'],
  ])('%s', (word, out) => {
    expect(value(word, vars)).toBe(out);
  });
});

describe('lex: a backtick escape character', () => {
  it.each<[string, string]>([
    ['a`$DIR', 'a$DIR'],
    ['C:\\dir', 'C:\\dir'],
    ['"a`"b"', 'a"b'],
    ['${NOPE:-`}}', '}'],
    ['x``y', 'x`y'],
  ])('%s', (word, out) => {
    expect(value(word, env, '`')).toBe(out);
  });
});

describe('lex: words (ProcessWords)', () => {
  const vars = new Map<string, string | null>([
    ['SPACE', 'abc  def'],
    ['LEAD', '  ab c'],
    ['TRAIL', 'ab c   '],
  ]);
  const words = (w: string) => {
    const r = lex(w, vars);
    return r.error === null ? r.words : ERR;
  };
  it.each<[string, string[] | typeof ERR]>([
    ['hello${SPACE}bye', ['helloabc', 'defbye']],
    ['hello"${SPACE}"bye', ['helloabc  defbye']],
    ['hello "${SPACE}"bye', ['hello', 'abc  defbye']],
    ['hello${LEAD}def', ['hello', 'ab', 'cdef']],
    ['hello"${LEAD}" def', ['hello  ab c', 'def']],
    ['hello${TRAIL}d', ['helloab', 'c', 'd']],
    ['hel"lo${TRAIL}"', ['helloab c   ']],
    ['hello" there  "', ['hello there  ']],
    ['hello there  ', ['hello', 'there']],
    ['hello\\ there', ['hello there']],
    ['hello" there', ERR],
    ['hello\\" there', ['hello"', 'there']],
    ["hello'$there'", ['hello$there']],
    ['cat << EOF x', ['cat', '<< EOF', 'x']],
    ['a "" b', ['a', 'b']],
  ])('%s', (w, out) => {
    expect(words(w)).toEqual(out);
  });

  it('keeps quotes, escapes and unset variables when asked (heredoc detection)', () => {
    const r = lex('RUN echo "<<EOF" \\<<X $NOPE ${NOPE:-a b} <<-\'EOT\'', new Map(), {
      rawQuotes: true,
      rawEscapes: true,
      skipUnsetEnv: true,
    });
    expect(r.words).toEqual(['RUN', 'echo', '"<<EOF"', '\\<<X', '$NOPE', '${NOPE:-a', 'b}', "<<-'EOT'"]);
  });

  it('never throws, whatever the input', () => {
    for (const w of [
      '${',
      '${X:',
      '${X/',
      '${X//a',
      '"\\',
      "'",
      '${X#\\',
      '$\u{1F600}',
      '\u{1F600}${X:-\u{1F600}}',
    ])
      expect(() => lex(w, vars)).not.toThrow();
  });
});

describe('shell patterns', () => {
  it('reverse a pattern, keeping escapes in front of what they escape', () => {
    expect(reversePattern('a\\*c')).toBe('c\\*a');
    expect(reversePattern('\\\\\\ab')).toBe('b\\a\\\\');
    expect(reversePattern('ab\\')).toBe('\\ba');
    expect(reversePattern('\u{1F600}\\x\u{1F680}')).toBe('\u{1F680}\\x\u{1F600}');
  });

  it('trim by code point, shortest or longest', () => {
    expect(trimPattern('?', '\u{1F600}x', 'prefix', false).value).toBe('x');
    expect(trimPattern('*x', 'axbx', 'suffix', false).value).toBe('axb');
    expect(trimPattern('*x', 'axbx', 'suffix', true).value).toBe('');
    expect(trimPattern('\\y', 'ab', 'prefix', false).error).toMatch(/invalid escape/);
  });

  it('a star never crosses a newline (Go regexp)', () => {
    expect(trimPattern('*', 'a\nb', 'prefix', true).value).toBe('\nb');
    expect(replacePattern('a*', 'a\nab', 'X', true).value).toBe('X\nX');
  });
});
