import { createServer } from 'node:net';
import Docker from 'dockerode';
import { tinyRepo } from './fixture-repo.js';

/**
 * A tiny repository with a dev stage (FROM scratch + the host's static busybox): `/app/deps` plays the
 * dependency directory seeded from the image, `/data` a data volume, and the "server" is busybox httpd run
 * by a shell loop that restarts it when a file under src/ changes (polling: busybox has no inotifyd here).
 */
export function devRepo(o: { image: string; port: number; name?: string; command?: string }): string {
  return tinyRepo({
    Dockerfile: [
      'FROM scratch AS base',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'WORKDIR /app',
      'RUN mkdir -p /app/deps /data && echo seeded > /app/deps/marker && chmod 0750 /data',
      '',
      'FROM base AS dev',
      'EXPOSE 8080',
      'CMD ["sh"]',
      '',
      'FROM base AS release',
      'COPY src/ /app/src/',
      '',
    ].join('\n'),
    'src/version.txt': 'v1\n',
    'deps.lock': 'lock 1\n',
    'slipway.yaml': [
      'dockerfile: Dockerfile',
      `image: ${o.image}`,
      'dev:',
      '  dependencies: deps',
      '  lockfile: deps.lock',
      '  volumes: [/data]',
      `  ports: ["${o.port}:8080"]`,
      ...(o.name ? [`  name: ${o.name}`] : []),
      '  command: |',
      ...(
        o.command ??
        [
          'while :; do',
          '  mkdir -p /data/www && cat src/version.txt > /data/www/index.html',
          '  httpd -f -p 8080 -h /data/www & pid=$!',
          '  echo "serving $(cat src/version.txt)"',
          '  sum=$(cat src/* | md5sum)',
          '  while [ "$(cat src/* | md5sum)" = "$sum" ]; do sleep 0.2; done',
          '  echo "change detected: restarting"',
          '  kill $pid; wait $pid',
          'done',
        ].join('\n')
      )
        .split('\n')
        .map((l) => `    ${l}`),
      '',
    ].join('\n'),
  });
}

/** A port nothing listens on now (the engine may still race for it; tests use it at once). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** The body at http://127.0.0.1:port/ (null while nothing answers). */
export async function httpGet(port: number, path = '/'): Promise<string | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
    return await r.text();
  } catch {
    return null;
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 15_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every container and volume labelled as this checkout's (by its dev.slipway.checkout hash). */
export async function checkoutResources(docker: Docker, checkout: string): Promise<string[]> {
  const filters = JSON.stringify({ label: [`dev.slipway.checkout=${checkout}`] });
  const [cs, vs] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
  ]);
  return [...cs.map((c) => `container ${c.Names[0]}`), ...(vs.Volumes ?? []).map((v) => `volume ${v.Name}`)];
}

/** Removes what a failed test may have left of a checkout's dev resources (by label only). */
export async function removeCheckout(docker: Docker, checkout: string): Promise<void> {
  const filters = JSON.stringify({ label: [`dev.slipway.checkout=${checkout}`] });
  for (const c of await docker.listContainers({ all: true, filters }))
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const v of (await docker.listVolumes({ filters })).Volumes ?? [])
    await docker
      .getVolume(v.Name)
      .remove()
      .catch(() => undefined);
}

export const docker = new Docker();
