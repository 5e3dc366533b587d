import { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { splitFrames } from '../engine/logs.js';

/**
 * A byte stream opened from inside a container: `argv` (busybox `nc HOST PORT` in the helper that shares the
 * target's network namespace) runs under `docker exec` with stdin attached; what we write is its stdin, its
 * stdout comes back demultiplexed. So a TLS or HTTP client on the host talks to `localhost` *of the target*
 * without a published port and without touching a bridge address. When the command fails before sending
 * anything (nc could not connect), the stream errors with its message.
 */
export async function execTunnel(container: Docker.Container, argv: string[]): Promise<Duplex> {
  const exec = await container.exec({
    Cmd: argv,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
  });
  const socket = (await exec.start({ hijack: true, stdin: true })) as unknown as Duplex;
  return new ExecTunnel(socket);
}

class ExecTunnel extends Duplex {
  private pending: Buffer = Buffer.alloc(0);
  private stderr = '';
  private received = false;
  private ended = false;

  constructor(private readonly socket: Duplex) {
    super();
    socket.on('data', (c: Buffer) => this.frames(c));
    socket.once('end', () => this.finish());
    socket.once('close', () => this.finish());
    socket.once('error', (e) => this.destroy(e));
  }

  /** Docker's stream framing (see splitFrames): stdout goes to the reader, stderr is kept for errors. */
  private frames(chunk: Buffer): void {
    const { frames, rest } = splitFrames(this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk);
    this.pending = rest;
    for (const f of frames) {
      if (f.stream === 1) {
        this.received = true;
        if (!this.push(f.payload)) this.socket.pause();
      } else if (f.stream === 2) this.stderr += f.payload.toString('utf8');
    }
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    const why = this.stderr.trim().split('\n').pop()?.replace(/^nc: /, '');
    if (!this.received && why) this.destroy(new Error(why));
    else this.push(null);
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.socket.write(chunk, done);
  }

  override _final(done: (e?: Error | null) => void): void {
    this.socket.end();
    done();
  }

  override _destroy(e: Error | null, done: (e?: Error | null) => void): void {
    this.socket.destroy();
    done(e);
  }
}
