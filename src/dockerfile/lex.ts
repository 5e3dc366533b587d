import { replacePattern, trimPattern } from './pattern.js';

/**
 * (Over 300 lines on purpose: one state machine — the quote, escape and `${}` rules interlock, and split
 * across files they would be read, and changed, apart; tested against BuildKit's own lexer, see the docs.)
 *
 * The Dockerfile frontend's shell lexer, ported for behaviour from BuildKit's
 * `frontend/dockerfile/shell/lex.go` (dockerfile frontend 1.26 / BuildKit v0.32). It turns one word of a
 * Dockerfile into its value, and optionally into whitespace-separated words, as BuildKit does before it
 * uses FROM names, ARG/ENV/LABEL values, COPY sources and so on:
 *
 * - `'…'` keeps everything literally, `"…"` keeps everything but `$` expansions and escapes of `"`, `$` and
 *   the escape character; the quotes themselves are removed (kept with `rawQuotes`).
 * - The escape character (`\`, or a backtick after `# escape=\``) makes the next character literal.
 * - `$NAME`, `${NAME}`, `${NAME:-w}`, `${NAME-w}`, `${NAME:+w}`, `${NAME+w}`, `${NAME:?w}`, `${NAME?w}`,
 *   `${NAME#p}`, `${NAME##p}`, `${NAME%p}`, `${NAME%%p}`, `${NAME/p/r}`, `${NAME//p/r}`; words nest.
 *   Positional (`$1`) and special parameters (`$$`, `$@`, `$#`, …) are names that are never set.
 * - Anything else (`${}`, `${X:=w}`, a missing `}`, an unterminated quote) is an error.
 *
 * Older frontends knew less: the one in BuildKit 0.8 (dockerfile 1.2) has only `${X:-w}`, `${X:+w}`,
 * `${X?w}` and `${X:?w}` (`${X-w}` is an error there); `${X-w}`/`${X+w}` came with dockerfile 1.6, the
 * `#`, `%` and `/` forms with 1.7. This follows the current frontend.
 *
 * Total: never throws; a problem comes back as `error` (BuildKit's message) with an empty value.
 */

/** Variables in scope: a name mapped to null is declared without a value, i.e. unset. */
export type Env = ReadonlyMap<string, string | null>;

export interface LexOptions {
  /** The Dockerfile's escape character: `\` (default) or a backtick. */
  escape?: string;
  /** Keep quote characters in the result. */
  rawQuotes?: boolean;
  /** Keep escape characters in the result. */
  rawEscapes?: boolean;
  /** Leave references to unset variables as written. */
  skipUnsetEnv?: boolean;
  /** Treat quotes as ordinary characters. */
  skipProcessQuotes?: boolean;
}

export interface Lexed {
  value: string;
  /** The value split on unquoted whitespace (BuildKit's ProcessWords). */
  words: string[];
  /** Names looked up that were set, and that were not. */
  matched: Set<string>;
  unmatched: Set<string>;
  error: string | null;
}

const EOF = '';

export function lex(word: string, env: Env, opts: LexOptions = {}): Lexed {
  const s = new Scanner(word, env, opts);
  const value = s.processStopOn(EOF, opts.rawEscapes ?? false);
  if (s.error !== null) {
    return {
      value: '',
      words: [],
      matched: s.matched,
      unmatched: s.unmatched,
      error: `failed to process ${JSON.stringify(word)}: ${s.error}`,
    };
  }
  return { value: value.result, words: value.words, matched: s.matched, unmatched: s.unmatched, error: null };
}

/** Go's unicode.IsSpace. */
export function isSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}

/**
 * Collects words the way BuildKit does. BuildKit shares one word buffer between a word and the words nested
 * in its `${…}` forms, so a nested form drops the part of the enclosing word read before it (only
 * ProcessWords sees this, e.g. heredoc detection); kept here to give the same words.
 */
class Words {
  words: string[] = [];
  inWord = false;
  constructor(private readonly buf: { text: string }) {
    buf.text = '';
  }
  addChar(c: string): void {
    if (isSpace(c)) {
      if (this.inWord && this.buf.text !== '') {
        this.words.push(this.buf.text);
        this.buf.text = '';
        this.inWord = false;
      }
    } else this.addRaw(c);
  }
  addRaw(text: string): void {
    this.buf.text += text;
    this.inWord = true;
  }
  addString(text: string): void {
    for (const c of text) this.addChar(c);
  }
  done(): string[] {
    if (this.buf.text !== '') {
      this.words.push(this.buf.text);
      this.buf.text = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class Scanner {
  private readonly chars: string[];
  private pos = 0;
  private readonly esc: string;
  private rawEscapes: boolean;
  private readonly sharedWord = { text: '' };
  error: string | null = null;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(
    word: string,
    private readonly env: Env,
    private readonly opts: LexOptions,
  ) {
    this.chars = Array.from(word);
    this.esc = opts.escape ?? '\\';
    this.rawEscapes = opts.rawEscapes ?? false;
  }

  private peek(): string {
    return this.chars[this.pos] ?? EOF;
  }
  private next(): string {
    const c = this.peek();
    if (c !== EOF) this.pos++;
    return c;
  }
  private fail(message: string): string {
    this.error ??= message;
    return '';
  }

  /** Reads up to (and consumes) `stop`, or to the end when `stop` is EOF. */
  processStopOn(stop: string, rawEscapes: boolean): { result: string; words: string[] } {
    const none = { result: '', words: [] };
    const words = new Words(this.sharedWord);
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let result = '';
      while (this.peek() !== EOF) {
        const c = this.peek();
        if (stop !== EOF && c === stop) {
          this.next();
          return { result, words: words.done() };
        }
        const special =
          c === '$'
            ? () => this.processDollar()
            : c === '<'
              ? () => this.processPossibleHeredoc()
              : this.opts.skipProcessQuotes
                ? null
                : c === "'"
                  ? () => this.processSingleQuote()
                  : c === '"'
                    ? () => this.processDoubleQuote()
                    : null;
        if (special) {
          const text = special();
          if (this.error !== null) return none;
          result += text;
          if (c === '$') words.addString(text);
          else words.addRaw(text);
          continue;
        }
        let ch = this.next();
        if (ch === this.esc) {
          if (this.rawEscapes) {
            words.addRaw(ch);
            result += ch;
          }
          ch = this.next();
          if (ch === EOF) break;
          words.addRaw(ch);
        } else words.addChar(ch);
        result += ch;
      }
      if (stop !== EOF) {
        this.fail(`unexpected end of statement while looking for matching ${stop}`);
        return none;
      }
      return { result, words: words.done() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processSingleQuote(): string {
    // Everything up to the next single quote is literal; a single quote cannot be escaped.
    const raw = this.opts.rawQuotes ?? false;
    const open = this.next();
    let out = raw ? open : '';
    for (;;) {
      const c = this.next();
      if (c === EOF) return this.fail('unexpected end of statement while looking for matching single-quote');
      if (c === "'") return raw ? out + c : out;
      out += c;
    }
  }

  private processDoubleQuote(): string {
    // Literal but for `$` and the escape character, which escapes only `"`, `$` and itself.
    const raw = this.opts.rawQuotes ?? false;
    const open = this.next();
    let out = raw ? open : '';
    for (;;) {
      const p = this.peek();
      if (p === EOF) return this.fail('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const c = this.next();
        return raw ? out + c : out;
      }
      if (p === '$') {
        const v = this.processDollar();
        if (this.error !== null) return '';
        out += v;
        continue;
      }
      let c = this.next();
      if (c === this.esc) {
        if (this.rawEscapes) out += c;
        const after = this.peek();
        if (after === EOF) continue; // an escape at the very end is dropped (then: unterminated)
        if (after === '"' || after === '$' || after === this.esc) c = this.next();
      }
      out += c;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const [value, set] = this.getEnv(name);
      if (!set && this.opts.skipUnsetEnv) return `$${name}`;
      return value;
    }
    this.next();
    const first = this.peek();
    if (first === EOF) return this.fail("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') return this.fail('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let chs = ch;
    if (ch === EOF) return this.fail("syntax error: missing '}'");
    if (ch === '}') {
      const [value, set] = this.getEnv(name);
      if (!set && this.opts.skipUnsetEnv) return `\${${name}}`;
      return value;
    }
    if (ch === '/') return this.processReplace(name);
    let nullIsUnset = false;
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next();
      chs += ch;
    } else if (!'+-?#%'.includes(ch)) {
      return this.fail(`unsupported modifier (${chs}) in substitution`);
    }
    const patternForm = ch === '#' || ch === '%';
    if (nullIsUnset && patternForm) return this.fail(`unsupported modifier (${chs}) in substitution`);
    const word = this.processWordUntilBrace(patternForm);
    if (this.error !== null) return '';
    const [value, set] = this.getEnv(name);
    if (this.opts.skipUnsetEnv && !set) return `\${${name}${chs}${word}}`;
    const unset = !set || (nullIsUnset && value === '');
    switch (ch) {
      case '-':
        return unset ? word : value;
      case '+':
        return unset ? '' : word;
      case '?':
        if (!set) return this.fail(`${name}: ${word || 'is not allowed to be unset'}`);
        if (nullIsUnset && value === '') return this.fail(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '#':
      case '%': {
        // One `#`/`%` trims the shortest match, two the longest.
        const greedy = word.startsWith(ch);
        const r = trimPattern(greedy ? word.slice(1) : word, value, ch === '#' ? 'prefix' : 'suffix', greedy);
        return r.error === null ? r.value : this.fail(r.error);
      }
      default:
        return this.fail(`unsupported modifier (${chs}) in substitution`);
    }
  }

  /** The word of `${NAME<op>word}`, up to and including the `}`. */
  private processWordUntilBrace(rawEscapes: boolean): string {
    const { result } = this.processStopOn('}', rawEscapes);
    if (this.error !== null && this.peek() === EOF) {
      this.error = "syntax error: missing '}'";
    }
    return result;
  }

  private processReplace(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    const pattern = this.processStopOn('/', true).result;
    if (this.error !== null) {
      if (this.peek() === EOF) this.error = "syntax error: missing '/' in ${}";
      return '';
    }
    const replacement = this.processWordUntilBrace(true);
    if (this.error !== null) return '';
    const [value, set] = this.getEnv(name);
    if (this.opts.skipUnsetEnv && !set) return `\${${name}/${pattern}/${replacement}}`;
    const r = replacePattern(pattern, value, replacement, all);
    return r.error === null ? r.value : this.fail(r.error);
  }

  /** A name: letters, digits and `_`; or all leading digits (positional); or one special parameter. */
  private processName(): string {
    let name = '';
    for (;;) {
      const c = this.peek();
      if (c === EOF) return name;
      if (name === '' && /^\p{Nd}$/u.test(c)) {
        while (/^\p{Nd}$/u.test(this.peek())) name += this.next();
        return name;
      }
      if (name === '' && '@*#?-$!0'.includes(c)) return this.next();
      if (!/^[\p{L}\p{Nd}_]$/u.test(c)) return name;
      name += this.next();
    }
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    // `<<` keeps the blanks after it, so `<< EOF` stays one word.
    let out = '<<';
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r') out += this.next();
    return out;
  }

  private getEnv(name: string): [string, boolean] {
    const v = this.env.get(name);
    if (v === undefined || v === null) {
      this.unmatched.add(name);
      return ['', false];
    }
    this.matched.add(name);
    return [v, true];
  }
}
