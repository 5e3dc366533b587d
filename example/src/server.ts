import { createServer, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RequestHandler } from './app.js';

export interface ListenOptions {
  port: number;
  host: string;
}

export interface StopResult {
  /** True when the timeout ran out and open connections were closed on in-flight requests. */
  forced: boolean;
}

export interface RunningServer {
  readonly server: Server;
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  readonly host: string;
  /**
   * Graceful stop: stops accepting connections, closes idle keep-alive connections, lets
   * in-flight requests finish (each closing its connection once answered) and resolves when
   * every connection is closed. After `timeoutMs` the remaining connections are closed.
   * Calling it again returns the same promise.
   */
  stop(timeoutMs: number): Promise<StopResult>;
  /** Closes every connection now, in-flight or not; a pending stop() then resolves. */
  closeAllConnections(): void;
}

/** Starts an HTTP server for `handler`; resolves once it is listening. */
export async function startServer(
  handler: RequestHandler,
  options: ListenOptions,
): Promise<RunningServer> {
  let draining = false;
  /** Responses not yet finished, so that stopping can mark them Connection: close. */
  const inFlight = new Set<ServerResponse>();

  // Once stopping, a connection closes after the response it is serving: none outlives it.
  const closeAfterResponse = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };

  const server = createServer(
    {
      // Bound slow clients: whole request within 30 s, headers within 10 s.
      requestTimeout: 30_000,
      headersTimeout: 10_000,
    },
    (req, res) => {
      inFlight.add(res);
      if (draining) closeAfterResponse(res);
      res.once('close', () => inFlight.delete(res));
      res.once('finish', () => {
        inFlight.delete(res);
        // A response that went out before the stop may leave a keep-alive connection idle.
        if (draining) setImmediate(() => server.closeIdleConnections());
      });
      handler(req, res);
    },
  );
  server.keepAliveTimeout = 5_000;

  // Malformed requests get the same JSON error shape as everything else.
  server.on('clientError', (error: NodeJS.ErrnoException, duplex) => {
    const socket = duplex as Socket;
    if (error.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'Request headers are too large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', 'Request was not received in time']
          : [400, 'bad_request', 'Malformed HTTP request'];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  let stopping: Promise<StopResult> | undefined;

  return {
    server,
    port: address.port,
    host: options.host,
    closeAllConnections: () => server.closeAllConnections(),
    stop(timeoutMs: number): Promise<StopResult> {
      stopping ??= new Promise<StopResult>((resolve) => {
        draining = true;
        for (const res of inFlight) closeAfterResponse(res);
        let forced = false;
        const timer = setTimeout(() => {
          forced = true;
          server.closeAllConnections();
        }, timeoutMs);
        // close() stops listening and (Node >= 19) closes idle keep-alive connections; its
        // callback runs once the last connection has closed.
        server.close(() => {
          clearTimeout(timer);
          resolve({ forced });
        });
      });
      return stopping;
    },
  };
}
