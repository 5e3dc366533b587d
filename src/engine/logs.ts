/**
 * Docker's multiplexed stream (non-TTY containers and execs): frames of an 8-byte header — stream type (1
 * stdout, 2 stderr), three zero bytes, payload length (uint32 BE) — then the payload. Returns the complete
 * frames in `buf` and the bytes of an incomplete one, to prepend to what arrives next.
 */
export function splitFrames(buf: Buffer): { frames: { stream: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { stream: number; payload: Buffer }[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const len = buf.readUInt32BE(i + 4);
    if (i + 8 + len > buf.length) break;
    frames.push({ stream: buf[i] as number, payload: buf.subarray(i + 8, i + 8 + len) });
    i += 8 + len;
  }
  return { frames, rest: buf.subarray(i) };
}

/** A whole multiplexed log, as text per stream. */
export function demuxLogs(buf: Buffer): { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  for (const f of splitFrames(buf).frames) {
    if (f.stream === 2) stderr += f.payload.toString('utf8');
    else stdout += f.payload.toString('utf8');
  }
  return { stdout, stderr };
}
