/**
 * An IP address as Go's `net.IP.String` prints it (goss prints addresses this way: dns answers, and port
 * `ip` through GOnetstat, which upper-cases the result):
 *
 * - 4 bytes, or 16 that hold an IPv4-mapped address (`::ffff:a.b.c.d`): dotted decimal;
 * - otherwise eight hexadecimal groups, lowercase, without leading zeros, the longest run of two or more zero
 *   groups written `::` (the first of equally long runs; a single zero group stays `0`).
 */
export function goIPString(bytes: Uint8Array): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) return '';
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return [...bytes.subarray(12)].join('.');
  const groups = Array.from(
    { length: 8 },
    (_, i) => ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number),
  );
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.len < 2) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}
