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
