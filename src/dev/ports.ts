import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type Docker from 'dockerode';
import type { DevPort } from '../config/config.js';
import { EnvironmentError } from '../core/errors.js';

/** Whether something on this host holds 127.0.0.1:port (a port below 1024 a non-root user may not bind counts as free). */
export function portInUse(port: number, protocol: 'tcp' | 'udp' = 'tcp'): Promise<boolean> {
  return new Promise((done) => {
    const verdict = (e: NodeJS.ErrnoException | null) => done(e?.code === 'EADDRINUSE');
    if (protocol === 'udp') {
      const s = createSocket('udp4');
      s.once('error', (e) => {
        s.close();
        verdict(e);
      });
      s.bind(port, '127.0.0.1', () => s.close(() => verdict(null)));
      return;
    }
    const srv = createServer();
    srv.once('error', verdict);
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => verdict(null)));
  });
}

/** The running container that publishes this host port, if one does. */
async function publisher(docker: Docker, p: DevPort): Promise<string | null> {
  const list = await docker.listContainers().catch(() => []);
  const c = list.find((x) => (x.Ports ?? []).some((q) => q.PublicPort === p.host && q.Type === p.protocol));
  return c ? (c.Names[0] ?? c.Id).replace(/^\//, '') : null;
}

/** Fails before anything is created when a port the dev container would publish is taken. */
export async function checkPorts(docker: Docker, ports: readonly DevPort[]): Promise<void> {
  for (const p of ports) {
    if (!(await portInUse(p.host, p.protocol))) continue;
    throw portTaken(p, await publisher(docker, p));
  }
}

export function portTaken(p: DevPort, by: string | null): EnvironmentError {
  return new EnvironmentError(
    `port ${p.host}/${p.protocol} on 127.0.0.1 is taken${by ? ` by the container '${by}'` : ' by another process'}: the dev container publishes its port ${p.container} there`,
    `stop what holds it, or publish on another host port: 'dev: { ports: ["${p.host + 1}:${p.container}"] }' in slipway.yaml`,
  );
}

/** The engine's own words for a taken port, when the check above lost a race. */
export const isPortConflict = (message: string): boolean =>
  /port is already allocated|address already in use|bind: .*in use/i.test(message);
