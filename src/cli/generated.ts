import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { SlipwayError, UserError } from '../core/errors.js';
import { EXIT } from './exit-codes.js';
import type { Io } from './io.js';

/**
 * How a command that generates a file ends: `--out -` prints it, `--check` compares (exit 1 with the first
 * line that differs and how to regenerate), otherwise it is written.
 */
export function emitGenerated(
  io: Io,
  o: {
    cwd: string;
    target: string;
    text: string;
    check: boolean;
    regenerate: string;
    /** Whether the command prints the whole file with `--out -` (the hint offers a diff then). */
    printable?: boolean;
  },
): number {
  if (o.target === '-') {
    if (o.check) throw new UserError('--check needs a file, not --out -');
    io.out(o.text.replace(/\n$/, ''));
    return EXIT.ok;
  }
  const file = resolve(o.cwd, o.target);
  const shown = relative(o.cwd, file) || file;
  if (o.check) {
    checkUpToDate(file, shown, o.text, o.regenerate, o.printable ?? true);
    io.out(`${shown}: up to date`);
    return EXIT.ok;
  }
  const same = existsSync(file) && readFileSync(file, 'utf8') === o.text;
  if (!same) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, o.text);
  }
  io.out(same ? `${shown}: up to date` : `wrote ${shown}`);
  return EXIT.ok;
}

/** Fails (exit 1) with the first line that differs, and how to regenerate. */
export function checkUpToDate(
  file: string,
  shown: string,
  want: string,
  regenerate: string,
  printable = true,
): void {
  const hint = `run \`${regenerate}\` and commit the result`;
  if (!existsSync(file)) throw new SlipwayError(`${shown} does not exist`, hint);
  const have = readFileSync(file, 'utf8');
  if (have === want) return;
  const a = have.split('\n');
  const b = want.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (l: string | undefined) => (l === undefined ? 'end of file' : JSON.stringify(l));
  throw new SlipwayError(
    `${shown} is out of date: line ${i + 1} is ${show(a[i])}, the generator writes ${show(b[i])}`,
    printable
      ? `${hint} (see the whole difference with: ${regenerate.replace(/ --out \S+/, '')} --out - | diff ${shown} -)`
      : hint,
  );
}
