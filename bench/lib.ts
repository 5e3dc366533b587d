import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const BIN = fileURLToPath(new URL('../bin/slipway.js', import.meta.url));

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export const fmt = (ms: number): string =>
  ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
export const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;

/** Runs the real CLI; returns its parsed JSON report and the wall time. Fails loudly. */
export function slipwayJson<T>(args: string[], cwd: string): { report: T; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args, '--format', 'json', '--quiet'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`slipway ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { report: JSON.parse(r.stdout) as T, ms };
}

export function sh(cmd: string, args: string[], cwd = REPO): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
