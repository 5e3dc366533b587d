import { isSpace } from './lex.js';
import { type Located, LocatedBuilder, slice, trimSpace } from './located.js';

/**
 * How BuildKit's parser cuts one logical instruction line into parts before any variable is expanded
 * (`parser/split_command.go`, `parser/line_parsers.go`): the keyword, the `--flags` (quotes and escapes
 * removed), and the arguments, either as raw words (quotes kept, for ARG/ENV/LABEL), split on blanks (FROM,
 * COPY, ADD, EXPOSE), or a JSON array (exec form).
 */

export interface SplitInstruction {
  keyword: Located;
  flags: Located[];
  /** The arguments after the flags, trimmed. */
  rest: Located;
}

/** Go's regexp `[\t\v\f\r ]+`, the separator BuildKit splits keyword and blank-separated arguments on. */
const blank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';

export function splitInstruction(line: Located, esc: string): SplitInstruction {
  const t = trimSpace(line);
  let k = 0;
  while (k < t.text.length && !blank(t.text[k])) k++;
  const keyword = slice(t, 0, k);
  let r = k;
  while (r < t.text.length && blank(t.text[r])) r++;
  if (r === k) return { keyword, flags: [], rest: slice(t, t.text.length) };
  const { flags, rest } = extractFlags(slice(t, r), esc);
  return { keyword, flags, rest: trimSpace(rest) };
}

/** Leading `--name[=value]` words; `--` alone ends them. Quotes and escapes are removed from flag words. */
function extractFlags(line: Located, esc: string): { flags: Located[]; rest: Located } {
  const s = line.text;
  const flags: Located[] = [];
  const word = new LocatedBuilder();
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  const emit = (pos: number) => {
    if (word.value !== '--' && (blankOK || word.length > 0)) flags.push(word.build(line.at[pos] as number));
  };
  for (let pos = 0; pos <= s.length; pos++) {
    let c = s[pos] ?? '';
    if (phase === 'spaces') {
      if (pos === s.length) break;
      if (isSpace(c)) continue;
      if (c !== '-' || s[pos + 1] !== '-') return { flags, rest: slice(line, pos) };
      phase = 'word';
    }
    if (pos === s.length) {
      emit(pos);
      break;
    }
    if (phase === 'word') {
      if (isSpace(c)) {
        if (word.value === '--') return { flags, rest: slice(line, pos) };
        emit(pos);
        word.reset();
        blankOK = false;
        phase = 'spaces';
        continue;
      }
      if (c === "'" || c === '"') {
        quote = c;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      if (c === esc) {
        if (pos + 1 === s.length) continue;
        c = s[++pos] as string;
      }
      word.push(c, line.at[pos] as number);
      continue;
    }
    if (c === quote) {
      phase = 'word';
      continue;
    }
    if (c === esc) {
      if (pos + 1 === s.length) {
        phase = 'word';
        continue;
      }
      c = s[++pos] as string;
    }
    word.push(c, line.at[pos] as number);
  }
  return { flags, rest: slice(line, s.length) };
}

/**
 * BuildKit's parseWords: words split on unquoted blanks; quotes and escapes stay in the words. Its loop looks
 * like extractFlags' above, as BuildKit's two functions do, but differs where it matters (quotes and escapes
 * kept, no escapes inside single quotes, no `--` end): kept apart as BuildKit keeps them.
 */
export function rawWords(rest: Located, esc: string): Located[] {
  const s = rest.text;
  const words: Located[] = [];
  const word = new LocatedBuilder();
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  const push = (c: string, pos: number) => word.push(c, rest.at[pos] as number);
  for (let pos = 0; pos <= s.length; pos++) {
    let c = s[pos] ?? '';
    if (phase === 'spaces') {
      if (pos === s.length) break;
      if (isSpace(c)) continue;
      phase = 'word';
    }
    if (pos === s.length) {
      if (blankOK || word.length > 0) words.push(word.build(rest.at[pos] as number));
      break;
    }
    if (phase === 'word') {
      if (isSpace(c)) {
        if (blankOK || word.length > 0) words.push(word.build(rest.at[pos] as number));
        word.reset();
        blankOK = false;
        phase = 'spaces';
        continue;
      }
      if (c === "'" || c === '"') {
        quote = c;
        blankOK = true;
        phase = 'quote';
      }
      if (c === esc) {
        if (pos + 1 === s.length) continue;
        push(c, pos);
        c = s[++pos] as string;
      }
      push(c, pos);
      continue;
    }
    if (c === quote) phase = 'word';
    if (c === esc && quote !== "'") {
      if (pos + 1 === s.length) {
        phase = 'word';
        continue;
      }
      push(c, pos);
      c = s[++pos] as string;
    }
    push(c, pos);
  }
  return words;
}

/** BuildKit's parseStringsWhitespaceDelimited: split on blanks, nothing else. */
export function blankWords(rest: Located): Located[] {
  const out: Located[] = [];
  let start = -1;
  for (let i = 0; i <= rest.text.length; i++) {
    const sep = i === rest.text.length || blank(rest.text[i]);
    if (!sep && start < 0) start = i;
    else if (sep && start >= 0) {
      out.push(slice(rest, start, i));
      start = -1;
    }
  }
  return out;
}

/** The exec form: a JSON array of strings, else null. */
export function jsonArray(rest: string): string[] | null {
  const t = rest.replace(/^\s+/, '');
  if (!t.startsWith('[')) return null;
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

/** A `key=value` word cut at its first `=`; no `=`: the key alone. */
export function keyValue(word: Located): { key: Located; value: Located | null } {
  const eq = word.text.indexOf('=');
  return eq < 0 ? { key: word, value: null } : { key: slice(word, 0, eq), value: slice(word, eq + 1) };
}

/**
 * The fields of a `--mount` value, read as one CSV record (BuildKit uses a CSV reader): fields split on
 * commas, a field that starts with `"` is quoted and `""` inside it is one quote.
 */
export function csvFields(value: Located): Located[] {
  const s = value.text;
  const out: Located[] = [];
  let pos = 0;
  for (;;) {
    const field = new LocatedBuilder();
    if (s[pos] === '"') {
      pos++;
      while (pos < s.length) {
        if (s[pos] === '"') {
          if (s[pos + 1] !== '"') {
            pos++;
            break;
          }
          pos++;
        }
        field.push(s[pos] as string, value.at[pos] as number);
        pos++;
      }
    }
    while (pos < s.length && s[pos] !== ',') {
      field.push(s[pos] as string, value.at[pos] as number);
      pos++;
    }
    out.push(field.build(value.at[pos] as number));
    if (pos >= s.length) return out;
    pos++;
  }
}

/**
 * ENV and LABEL pairs (BuildKit's parseNameVal): `KEY=value …` words, or the old `KEY value` form, where
 * the value is the rest of the line, when the first word has no `=`.
 */
export function nameValuePairs(
  rest: Located,
  keyword: string,
  esc: string,
): { pairs: [Located, Located][]; problems: { at: Located | null; message: string }[] } {
  const words = rawWords(rest, esc);
  const first = words[0];
  if (!first)
    return { pairs: [], problems: [{ at: null, message: `${keyword} requires at least one argument` }] };
  if (!first.text.includes('=')) {
    const [key] = blankWords(rest);
    let i = key?.text.length ?? 0;
    while (i < rest.text.length && blank(rest.text[i])) i++;
    return key && i > key.text.length
      ? { pairs: [[key, slice(rest, i)]], problems: [] }
      : { pairs: [], problems: [{ at: null, message: `${keyword} must have two arguments` }] };
  }
  const pairs: [Located, Located][] = [];
  const problems: { at: Located; message: string }[] = [];
  for (const w of words) {
    const { key, value } = keyValue(w);
    if (value === null)
      problems.push({
        at: w,
        message: `Syntax error - can't find = in "${w.text}". Must be of the form: name=value`,
      });
    else if (key.text === '') problems.push({ at: w, message: `${keyword} names can not be blank` });
    else pairs.push([key, value]);
  }
  return { pairs, problems };
}
