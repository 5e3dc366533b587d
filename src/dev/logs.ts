import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { demuxLogs } from '../engine/logs.js';

/** A container's log as text: multiplexed frames, or one raw stream when it runs with a TTY. */
export function containerLogs(raw: Buffer, tty: boolean): { stdout: string; stderr: string } {
  return tty ? { stdout: raw.toString('utf8'), stderr: '' } : demuxLogs(raw);
}

/**
 * The dev container's log, written to the sinks as it comes (`follow`: until the container stops or
 * `signal` aborts). A TTY container's log has no stderr of its own.
 */
export async function streamLogs(
  docker: Docker,
  id: string,
  out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  opts: { follow: boolean; tail?: number; signal?: AbortSignal },
): Promise<void> {
  const c = docker.getContainer(id);
  const tty = Boolean((await c.inspect()).Config.Tty);
  const base = { stdout: true, stderr: true, ...(opts.tail !== undefined ? { tail: opts.tail } : {}) };
  if (!opts.follow) {
    const raw = (await c.logs({ ...base, follow: false })) as unknown as Buffer;
    const { stdout, stderr } = containerLogs(raw, tty);
    out.stdout.write(stdout);
    out.stderr.write(stderr);
    return;
  }
  const stream = (await c.logs({ ...base, follow: true })) as unknown as Readable;
  if (tty) stream.on('data', (chunk: Buffer) => out.stdout.write(chunk));
  else docker.modem.demuxStream(stream, out.stdout, out.stderr);
  await new Promise<void>((done) => {
    const end = () => done();
    stream.once('end', end);
    stream.once('close', end);
    stream.once('error', end);
    opts.signal?.addEventListener('abort', () => {
      (stream as Readable & { destroy: () => void }).destroy();
      done();
    });
  });
}
