/**
 * Docker's COPY/ADD source patterns (Go's filepath.Match per path segment, plus `**`), compiled once.
 * A source names a file or a directory: a file under a matched directory is an input too.
 */
export interface SourceMatcher {
  pattern: string;
  matches: (file: string) => boolean;
}

export function sourceMatcher(pattern: string): SourceMatcher {
  if (pattern === '**') return { pattern, matches: () => true };
  if (!/[*?[\\]/.test(pattern)) {
    const dir = `${pattern}/`;
    return { pattern, matches: (f) => f === pattern || f.startsWith(dir) };
  }
  const re = new RegExp(`^${segmentsToRegex(pattern)}(?:/.*)?$`);
  const prefix = literalPrefix(pattern);
  return { pattern, matches: (f) => f.startsWith(prefix) && re.test(f) };
}

/** The part every match starts with: the pattern itself if literal, else its literal leading directories. */
export function literalPrefix(pattern: string): string {
  if (pattern === '**') return '';
  const wild = pattern.search(/[*?[\\]/);
  if (wild < 0) return pattern;
  return pattern.slice(0, pattern.lastIndexOf('/', wild) + 1);
}

function segmentsToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/^\^/, '!');
        out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRe(pattern[i + 1] as string);
      i++;
    } else out += escapeRe(c);
  }
  return out;
}

const escapeRe = (c: string) => c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
