import type { ExecResult } from './exec.js';

/**
 * Shell commands run as one batch inside the target: every command in the background with its own
 * watchdog, like goss runs them concurrently in one process, then each result framed on stdout as
 * `SLIPWAY-RESULT <index> <status> <stdout bytes> <stderr bytes> <timed out>` followed by the raw bytes.
 * One `docker exec` instead of one per command: the engine's per-exec cost dominates otherwise.
 * Scratch files live in a temp dir of the throw-away container and are removed before it answers.
 */
export function batchScript(commands: readonly { command: string; timeoutMs: number }[]): string {
  const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const lines = [
    'd=$(mktemp -d /tmp/slipway.XXXXXX) || exit 97',
    'run() { i=$1; t=$2; sh -c "$3" >"$d/$i.out" 2>"$d/$i.err" </dev/null & p=$!',
    // The watchdog must not hold the exec's output open: a lingering sleep would keep the stream alive.
    '  ( sleep "$t"; kill -9 "$p" 2>/dev/null && : >"$d/$i.to" ) >/dev/null 2>&1 </dev/null & w=$!',
    '  wait "$p"; echo $? >"$d/$i.st"; kill "$w" 2>/dev/null; }',
    ...commands.map((c, i) => `run ${i} ${Math.max(1, Math.ceil(c.timeoutMs / 1000))} ${q(c.command)} &`),
    'wait',
    `for i in ${commands.map((_, i) => i).join(' ')}; do`,
    '  to=0; [ -e "$d/$i.to" ] && to=1',
    '  printf "SLIPWAY-RESULT %s %s %s %s %s\\n" "$i" "$(cat "$d/$i.st")" "$(wc -c <"$d/$i.out")" "$(wc -c <"$d/$i.err")" "$to"',
    '  cat "$d/$i.out" "$d/$i.err"',
    'done',
    'rm -rf "$d"',
  ];
  return lines.join('\n');
}

/** Reads the framed results back; null when the output is not what the script prints (then run one by one). */
export function parseBatch(stdout: Buffer, count: number): ExecResult[] | null {
  const out: ExecResult[] = new Array(count);
  let pos = 0;
  for (let n = 0; n < count; n++) {
    const nl = stdout.indexOf(10, pos);
    if (nl < 0) return null;
    const m = /^SLIPWAY-RESULT (\d+) (\d+) +(\d+) +(\d+) ([01])$/.exec(
      stdout.subarray(pos, nl).toString('latin1').trim(),
    );
    if (!m) return null;
    const [, idx, status, outLen, errLen, to] = m.map(Number) as number[];
    const start = nl + 1;
    const so = stdout.subarray(start, start + (outLen as number)).toString('utf8');
    const se = stdout
      .subarray(start + (outLen as number), start + (outLen as number) + (errLen as number))
      .toString('utf8');
    pos = start + (outLen as number) + (errLen as number);
    out[idx as number] = {
      exitCode: to ? -1 : (status as number),
      stdout: so,
      stderr: se,
      timedOut: to === 1,
    };
  }
  return out.every(Boolean) ? out : null;
}
