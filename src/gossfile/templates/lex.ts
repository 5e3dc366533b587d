/**
 * Go text/template lexing: the source splits into text and `{{ actions }}` (with `{{-` / `-}}` trimming the
 * whitespace next to them) and comments (slash-star ... star-slash inside the braces), and an action body into tokens.
 * All offsets are offsets into the template source.
 */

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

export type Item =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'action'; start: number; end: number; bodyStart: number; bodyEnd: number };

const WS = new Set([' ', '\t', '\r', '\n']);

/** Splits a template into text and action items; comments produce nothing. */
export function splitTemplate(src: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  while (pos <= src.length) {
    const open = src.indexOf('{{', pos);
    let textEnd = open < 0 ? src.length : open;
    const trimLeft = open >= 0 && src[open + 2] === '-' && WS.has(src[open + 3] ?? '');
    if (trimLeft) while (textEnd > pos && WS.has(src[textEnd - 1] as string)) textEnd--;
    if (textEnd > pos) items.push({ kind: 'text', start: pos, end: textEnd });
    if (open < 0) break;
    let bodyStart = open + (trimLeft ? 3 : 2);
    const { close, bodyEnd, trimRight } = findClose(src, open, bodyStart);
    while (bodyStart < bodyEnd && WS.has(src[bodyStart] as string)) bodyStart++;
    const body = src.slice(bodyStart, bodyEnd).trimEnd();
    if (body.startsWith('/*')) {
      if (!body.endsWith('*/'))
        throw new TemplateSyntaxError('comment ends before closing delimiter', open, close);
    } else
      items.push({ kind: 'action', start: open, end: close, bodyStart, bodyEnd: bodyStart + body.length });
    pos = close;
    if (trimRight) while (pos < src.length && WS.has(src[pos] as string)) pos++;
  }
  return items;
}

/** The end of the action opened at `open`: after `}}`, skipping quoted strings and a comment. */
function findClose(src: string, open: number, from: number) {
  let i = from;
  while (i < src.length && WS.has(src[i] as string)) i++;
  if (src.startsWith('/*', i)) {
    const endComment = src.indexOf('*/', i + 2);
    if (endComment < 0) throw new TemplateSyntaxError('unclosed comment', open, src.length);
    i = endComment + 2;
  }
  let quote = '';
  for (; i < src.length; i++) {
    const c = src[i] as string;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
      else if (c === '\n' && quote !== '`')
        throw new TemplateSyntaxError('unterminated quoted string', open, i);
      continue;
    }
    if (c === '"' || c === '`' || c === "'") quote = c;
    else if (c === '}' && src[i + 1] === '}') {
      const trimRight = src[i - 1] === '-' && WS.has(src[i - 2] ?? '') && i - 2 >= from;
      return { close: i + 2, bodyEnd: trimRight ? i - 1 : i, trimRight };
    }
  }
  throw new TemplateSyntaxError('unclosed action', open, src.length);
}

export type Token =
  | { t: 'field'; names: string[]; start: number; end: number; attached: boolean }
  | { t: 'var'; name: string; names: string[]; start: number; end: number }
  | { t: 'ident'; name: string; start: number; end: number }
  | { t: 'lit'; value: unknown; start: number; end: number }
  | { t: '|' | '(' | ')' | ',' | ':=' | '='; start: number; end: number };

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const FIELDS = /(?:\.[A-Za-z_][A-Za-z0-9_]*)+/y;
const NUMBER = /[+-]?(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/y;

/** Tokens of one action body. */
export function tokenize(src: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  let i = start;
  const at = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(src);
    return m && m.index + m[0].length <= end ? m[0] : undefined;
  };
  while (i < end) {
    const c = src[i] as string;
    if (WS.has(c)) {
      i++;
      continue;
    }
    const s = i;
    if (c === ':' && src[i + 1] === '=') {
      i += 2;
      out.push({ t: ':=', start: s, end: i });
    } else if ('|(),='.includes(c)) {
      i++;
      out.push({ t: c as '|', start: s, end: i });
    } else if (c === '"' || c === '`' || c === "'") {
      const close = quoted(src, i, end);
      const raw = src.slice(i, close);
      i = close;
      out.push({ t: 'lit', value: unquote(raw, s), start: s, end: i });
    } else if (c === '$') {
      i++;
      const name = at(IDENT) ?? '';
      i += name.length;
      const fields = at(FIELDS) ?? '';
      i += fields.length;
      out.push({ t: 'var', name: `$${name}`, names: fields.split('.').slice(1), start: s, end: i });
    } else if (c === '.') {
      const fields = at(FIELDS);
      i += fields ? fields.length : 1;
      const prev = out[out.length - 1];
      const attached = prev?.t === ')' && prev.end === s;
      out.push({ t: 'field', names: fields ? fields.split('.').slice(1) : [], start: s, end: i, attached });
    } else if (/[0-9+-]/.test(c) && at(NUMBER)) {
      const n = at(NUMBER) as string;
      i += n.length;
      out.push({ t: 'lit', value: Number(n.replace(/_/g, '')), start: s, end: i });
    } else if (at(IDENT)) {
      const name = at(IDENT) as string;
      i += name.length;
      if (name === 'true' || name === 'false')
        out.push({ t: 'lit', value: name === 'true', start: s, end: i });
      else if (name === 'nil') out.push({ t: 'lit', value: null, start: s, end: i });
      else out.push({ t: 'ident', name, start: s, end: i });
    } else throw new TemplateSyntaxError(`unexpected ${JSON.stringify(c)} in action`, s, s + 1);
  }
  return out;
}

function quoted(src: string, i: number, end: number): number {
  const q = src[i] as string;
  for (let j = i + 1; j < end; j++) {
    if (src[j] === '\\' && q !== '`') j++;
    else if (src[j] === q) return j + 1;
  }
  throw new TemplateSyntaxError('unterminated quoted string', i, end);
}

function unquote(raw: string, at: number): string | number {
  const body = raw.slice(1, -1);
  if (raw[0] === '`') return body;
  const s = body
    .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')
    .replace(/\\a/g, '\\u0007')
    .replace(/\\v/g, '\\u000b');
  try {
    const v = JSON.parse(`"${raw[0] === "'" ? s.replace(/"/g, '\\"').replace(/\\'/g, "'") : s}"`) as string;
    return raw[0] === "'" ? (v.codePointAt(0) ?? 0) : v;
  } catch {
    throw new TemplateSyntaxError(`invalid syntax in ${raw}`, at, at + raw.length);
  }
}
