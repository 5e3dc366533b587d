/** Docker's multiplexed log stream (non-TTY containers): 8-byte frame headers, then the chunk. */
export function demuxLogs(buf: Buffer): { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  let i = 0;
  while (i + 8 <= buf.length) {
    const stream = buf[i];
    const len = buf.readUInt32BE(i + 4);
    const chunk = buf.subarray(i + 8, i + 8 + len).toString('utf8');
    if (stream === 2) stderr += chunk;
    else stdout += chunk;
    i += 8 + len;
  }
  return { stdout, stderr };
}
