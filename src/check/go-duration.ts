/** Go's time.Duration String for whole milliseconds: 500ms, 1.5s, 10s, 1m0s, 1m30s, 1h0m0s. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (!h && !m) return `${s}s`;
  return `${h ? `${h}h` : ''}${m}m${s}s`;
}
