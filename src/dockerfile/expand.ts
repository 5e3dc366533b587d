/**
 * Variable expansion as the Dockerfile frontend does it for FROM and flags:
 * `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`; `\$` escapes.
 * Unset names expand to the empty string.
 */
export function expand(text: string, vars: ReadonlyMap<string, string | null>, esc = '\\'): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === esc && text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = closingBrace(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += expandBraced(text.slice(i + 2, close), vars, esc);
      i = close;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      out += c;
      continue;
    }
    out += vars.get(m[0]) ?? '';
    i += m[0].length;
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function expandBraced(body: string, vars: ReadonlyMap<string, string | null>, esc: string): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])(.*))?$/s.exec(body);
  if (!m) return '';
  const [, name, colon, op, word] = m;
  const value = vars.get(name as string);
  const set = value !== undefined && value !== null && (colon ? value !== '' : true);
  if (op === '-') return set ? (value as string) : expand(word ?? '', vars, esc);
  if (op === '+') return set ? expand(word ?? '', vars, esc) : '';
  return value ?? '';
}
