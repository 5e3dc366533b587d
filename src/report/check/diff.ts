/**
 * The unified diff goss adds under a failure between two strings in its long form (outputs/outputs.go
 * `maybeAddDiff`, with pmezard/go-difflib, which follows Python's difflib): the expected text as `test`, the
 * found one as `actual`, one line of context. Lines are compared whole, each keeping its newline, and the
 * last line gets one (difflib.SplitLines). The longest-match search is difflib's SequenceMatcher: no junk,
 * and in a text of 200 lines or more a line found in more than 1% of it + 1 is "popular", never a match start.
 */

const splitLines = (s: string): string[] => {
  const lines = s.split(/(?<=\n)/);
  if (s.endsWith('\n')) lines.push('');
  lines[lines.length - 1] += '\n';
  return lines;
};

type Block = [number, number, number];
type Opcode = ['equal' | 'replace' | 'delete' | 'insert', number, number, number, number];

function matchingBlocks(a: readonly string[], b: readonly string[]): Block[] {
  const b2j = new Map<string, number[]>();
  b.forEach((line, j) => {
    const js = b2j.get(line);
    if (js) js.push(j);
    else b2j.set(line, [j]);
  });
  if (b.length >= 200) {
    const most = Math.floor(b.length / 100) + 1;
    for (const [line, js] of b2j) if (js.length > most) b2j.delete(line);
  }
  const longest = (alo: number, ahi: number, blo: number, bhi: number): Block => {
    let [bi, bj, size] = [alo, blo, 0];
    let lens = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i] as string) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (lens.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > size) [bi, bj, size] = [i - k + 1, j - k + 1, k];
      }
      lens = next;
    }
    while (bi > alo && bj > blo && a[bi - 1] === b[bj - 1]) [bi, bj, size] = [bi - 1, bj - 1, size + 1];
    while (bi + size < ahi && bj + size < bhi && a[bi + size] === b[bj + size]) size++;
    return [bi, bj, size];
  };
  const found: Block[] = [];
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (!k) continue;
    found.push([i, j, k]);
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const merged: Block[] = [];
  for (const blk of found) {
    const last = merged[merged.length - 1];
    if (last && last[0] + last[2] === blk[0] && last[1] + last[2] === blk[1]) last[2] += blk[2];
    else merged.push([...blk]);
  }
  merged.push([a.length, b.length, 0]);
  return merged;
}

function opcodes(a: readonly string[], b: readonly string[]): Opcode[] {
  const out: Opcode[] = [];
  let [i, j] = [0, 0];
  for (const [ai, bj, size] of matchingBlocks(a, b)) {
    const tag = i < ai && j < bj ? 'replace' : i < ai ? 'delete' : j < bj ? 'insert' : undefined;
    if (tag) out.push([tag, i, ai, j, bj]);
    [i, j] = [ai + size, bj + size];
    if (size) out.push(['equal', ai, i, bj, j]);
  }
  return out;
}

/** difflib's groups of changes, each with `n` lines of context. */
function grouped(codes: Opcode[], n: number): Opcode[][] {
  if (!codes.length) codes = [['equal', 0, 1, 0, 1]];
  const first = codes[0] as Opcode;
  if (first[0] === 'equal')
    codes[0] = [
      'equal',
      Math.max(first[1], first[2] - n),
      first[2],
      Math.max(first[3], first[4] - n),
      first[4],
    ];
  const last = codes[codes.length - 1] as Opcode;
  if (last[0] === 'equal')
    codes[codes.length - 1] = [
      'equal',
      last[1],
      Math.min(last[2], last[1] + n),
      last[3],
      Math.min(last[4], last[3] + n),
    ];
  const groups: Opcode[][] = [];
  let group: Opcode[] = [];
  for (const code of codes) {
    let [tag, i1, i2, j1, j2] = code;
    if (tag === 'equal' && i2 - i1 > 2 * n) {
      group.push([tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
      groups.push(group);
      group = [];
      [i1, j1] = [Math.max(i1, i2 - n), Math.max(j1, j2 - n)];
    }
    group.push([tag, i1, i2, j1, j2]);
  }
  if (group.length && !(group.length === 1 && group[0]?.[0] === 'equal')) groups.push(group);
  return groups;
}

const range = (start: number, stop: number) => {
  const length = stop - start;
  if (length === 1) return `${start + 1}`;
  return `${length ? start + 1 : start},${length}`;
};

/** `--- test` / `+++ actual` and the hunks, as go-difflib's GetUnifiedDiffString writes them. */
export function unifiedDiff(expected: string, actual: string): string {
  const [a, b] = [splitLines(expected), splitLines(actual)];
  let out = '';
  for (const g of grouped(opcodes(a, b), 1)) {
    if (!out) out = '--- test\n+++ actual\n';
    const [first, last] = [g[0] as Opcode, g[g.length - 1] as Opcode];
    out += `@@ -${range(first[1], last[2])} +${range(first[3], last[4])} @@\n`;
    for (const [tag, i1, i2, j1, j2] of g) {
      if (tag === 'equal') for (const l of a.slice(i1, i2)) out += ` ${l}`;
      if (tag === 'replace' || tag === 'delete') for (const l of a.slice(i1, i2)) out += `-${l}`;
      if (tag === 'replace' || tag === 'insert') for (const l of b.slice(j1, j2)) out += `+${l}`;
    }
  }
  return out;
}
