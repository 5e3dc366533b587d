import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  /** The raw bytes of stdout (byte-exact, for framed output). */
  raw?: Buffer;
  stderr: string;
  timedOut: boolean;
}

/** Runs argv in a running container (docker exec), with a deadline; output demultiplexed. */
export async function execIn(
  container: Docker.Container,
  argv: string[],
  timeoutMs: number,
  user?: string,
): Promise<ExecResult> {
  const exec = await container.exec({
    Cmd: argv,
    AttachStdout: true,
    AttachStderr: true,
    ...(user ? { User: user } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = new PassThrough();
  const err = new PassThrough();
  const outChunks: Buffer[] = [];
  let stderr = '';
  out.on('data', (c: Buffer) => {
    outChunks.push(c);
  });
  err.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  container.modem.demuxStream(stream, out, err);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    new Promise<boolean>((resolve) => {
      stream.on('end', () => resolve(false));
      stream.on('close', () => resolve(false));
      stream.on('error', () => resolve(false));
    }),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  const raw = Buffer.concat(outChunks);
  const stdout = raw.toString('utf8');
  if (timedOut) {
    (stream as unknown as { destroy?: () => void }).destroy?.();
    return { exitCode: -1, stdout, raw, stderr, timedOut: true };
  }
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, stdout, raw, stderr, timedOut: false };
}

/**
 * `sh -c "$1"` killed after $2 tenths of a second with every process it started (found through /proc: no
 * job control without a terminal): a timed-out command does not outlive the check in a container slipway
 * was given. The poll adds at most 0.1 s.
 */
const WATCHDOG = [
  'tree() { kill -STOP "$1" 2>/dev/null; for s in /proc/[0-9]*/stat; do read -r c _ _ pp _ <"$s" 2>/dev/null || continue; [ "$pp" = "$1" ] && tree "$c"; done; kill -9 "$1" 2>/dev/null; }',
  'sh -c "$1" & p=$!; i=0',
  'while kill -0 "$p" 2>/dev/null; do',
  '  if [ "$i" -ge "$2" ]; then tree "$p"; break; fi',
  '  sleep 0.1 2>/dev/null || sleep 1; i=$((i+1))',
  'done',
  'wait "$p"',
].join('\n');

/** argv running a shell command line under the watchdog: nothing it started outlives `timeoutMs`. */
export const killedAfter = (command: string, timeoutMs: number): string[] => [
  '/bin/sh',
  '-c',
  WATCHDOG,
  'sh',
  command,
  String(Math.max(1, Math.ceil(timeoutMs / 100))),
];
