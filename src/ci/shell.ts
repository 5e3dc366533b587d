/**
 * One word of a job's shell command line: as it is when every character is safe, else single-quoted. The text
 * never holds `${{` nor `<<`, which GitHub and CircleCI would read as an expression before the shell sees it:
 * inside quotes each is split by an empty `''` (`$''{{`, `<''<`), which the shell joins again.
 */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  // Functions, not replacement strings: in those, `$'` would mean the text after the match.
  const quoted = word
    .replace(/'/g, () => `'\\''`)
    .replace(/\$(?=\{)/g, () => "$''")
    .replace(/<(?=<)/g, () => "<''");
  return `'${quoted}'`;
}

/** Words joined into a command line, each quoted as it must be. */
export const shellLine = (words: readonly string[]): string => words.map(shellWord).join(' ');
