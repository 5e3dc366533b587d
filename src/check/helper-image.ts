import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { EnvironmentError, errorMessage } from '../core/errors.js';
import { recipeFor } from '../engine/base-images/recipes.js';
import type { BuildClient } from '../engine/client.js';
import { dockerBuild } from '../engine/docker-build.js';
import { isStaticElf } from '../engine/elf.js';
import { ensureImages } from '../engine/images.js';
import { ImageFs } from '../probe/image-fs.js';

/**
 * The helper that looks into a target's namespaces (processes, sockets, HTTP, DNS) without touching its
 * filesystem: an image holding nothing but a static busybox at /bin/busybox. slipway provisions it itself,
 * trying in turn (each strategy says why it is not the one, and the next is tried):
 *   1. present   — the helper image of this recipe is already in the engine;
 *   2. pull      — the official busybox image, pinned, pulled when a registry is reachable (checked static);
 *   3. build     — built with BuildKit from a Debian image slipway can make itself (or one present),
 *                  installing Debian's busybox-static inside the build: no host binary needed; with it
 *                  Debian's bash-static, whose /dev/udp sockets carry DNS over UDP (without it, DNS
 *                  questions go over TCP);
 *   4. host      — the host's own static busybox copied FROM scratch, as a last resort.
 * Whatever the source, the result is tagged `slipway-helper:<key>`, the key a hash of the recipe: it is made once.
 */
export type HelperSource = 'present' | 'pulled' | 'built' | 'host';

export interface HelperDeps {
  docker: Docker;
  /** Found only when the helper must be built. */
  buildClient: () => Promise<BuildClient>;
  session: string;
  onProgress?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Host paths tried last for a static busybox; [] disables the host lookup. */
  hostCandidates?: readonly string[];
}

/** Gives the helper image's tag, provisioning it on first use (throws EnvironmentError when it cannot). */
export type HelperProvider = () => Promise<string>;

export interface ProvisionedHelper {
  tag: string;
  source: HelperSource;
}

/** Label of helper images slipway built (`slipway clean --images` removes them). */
export const HELPER_LABEL = 'dev.slipway.helper';

/** Official image, musl build: statically linked (checked after the pull all the same). */
export const HELPER_PULL_REF = 'busybox:1.37.0-musl';

const HELPER_DOCKERFILE = `ARG BASE=debian:bookworm-slim
FROM \${BASE} AS fetch
RUN apt-get update -qq \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends busybox-static bash-static >/dev/null \\
 && cp /bin/busybox /busybox && cp /bin/bash-static /bash \\
 && rm -rf /var/lib/apt/lists/*
FROM scratch AS helper
COPY --from=fetch /busybox /bin/busybox
COPY --from=fetch /bash /bin/bash
ENTRYPOINT ["/bin/busybox"]
`;

const HOST_DOCKERFILE = 'FROM scratch AS helper\nCOPY busybox /bin/busybox\nENTRYPOINT ["/bin/busybox"]\n';

/** Bump when what the helper must hold changes: a new key makes every machine provision it again. */
const HELPER_VERSION = 3;

const DEFAULT_HOST_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];

const DEBIAN_BASES = ['debian:bookworm-slim', 'debian:bookworm', 'debian:12-slim', 'debian:12'];

export function helperTag(env: NodeJS.ProcessEnv = process.env): string {
  const key = createHash('sha256')
    .update(JSON.stringify({ HELPER_VERSION, HELPER_PULL_REF, HELPER_DOCKERFILE }))
    .digest('hex')
    .slice(0, 12);
  return `${helperRepo(env)}:${key}`;
}

export const helperRepo = (env: NodeJS.ProcessEnv = process.env): string =>
  env.SLIPWAY_HELPER_REPO || 'slipway-helper';

type Attempt = { ok: true } | { ok: false; why: string };
interface Strategy {
  name: string;
  attempt: (tag: string, d: HelperDeps) => Promise<Attempt>;
}

const STRATEGIES: readonly Strategy[] = [
  { name: 'present', attempt: (tag, d) => present(d.docker, tag) },
  { name: `pull ${HELPER_PULL_REF}`, attempt: pullOfficial },
  { name: 'build from Debian', attempt: buildFromDebian },
  { name: 'host busybox', attempt: fromHost },
];

const inflight = new Map<string, Promise<ProvisionedHelper>>();

/** The helper image's tag, provisioned once per process (concurrent callers share one attempt). */
export function provisionHelper(d: HelperDeps): Promise<ProvisionedHelper> {
  const tag = helperTag(d.env);
  let p = inflight.get(tag);
  if (!p) {
    p = provision(tag, d);
    inflight.set(tag, p);
    p.catch(() => inflight.delete(tag));
  }
  return p;
}

async function provision(tag: string, d: HelperDeps): Promise<ProvisionedHelper> {
  const why: string[] = [];
  for (const [i, s] of STRATEGIES.entries()) {
    let r: Attempt;
    try {
      r = await s.attempt(tag, d);
      if (r.ok && i > 0) r = await verify(tag, d);
    } catch (e) {
      r = { ok: false, why: errorMessage(e).split('\n')[0] ?? 'failed' };
    }
    if (r.ok) return { tag, source: (['present', 'pulled', 'built', 'host'] as const)[i] as HelperSource };
    why.push(`${s.name}: ${r.why}`);
    if (i === 1)
      d.onProgress?.(
        `building the helper image locally: ${r.why.startsWith('no registry') ? 'no registry reachable' : r.why}`,
      );
  }
  throw new EnvironmentError(
    `the helper image that looks into running containers (a static busybox) could not be provisioned:\n  ${why.join('\n  ')}`,
    `make a registry reachable (docker pull ${HELPER_PULL_REF}), let builds reach Debian's mirror (SLIPWAY_DEBIAN_MIRROR), or install a static busybox on this host (Debian: apt-get install busybox-static)`,
  );
}

async function present(docker: Docker, ref: string): Promise<Attempt> {
  try {
    await docker.getImage(ref).inspect();
    return { ok: true };
  } catch {
    return { ok: false, why: 'not in the engine' };
  }
}

async function pullOfficial(tag: string, d: HelperDeps): Promise<Attempt> {
  if ((d.env ?? process.env).SLIPWAY_HELPER_PULL === 'off')
    return { ok: false, why: 'pulling disabled (SLIPWAY_HELPER_PULL=off)' };
  try {
    const stream = await d.docker.pull(HELPER_PULL_REF);
    await new Promise<void>((resolve, reject) =>
      d.docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())),
    );
  } catch (e) {
    return { ok: false, why: `no registry reachable (${firstLine(e)})` };
  }
  d.onProgress?.(`pulled ${HELPER_PULL_REF} for the helper image`);
  await retag(d.docker, HELPER_PULL_REF, tag);
  return { ok: true };
}

async function buildFromDebian(tag: string, d: HelperDeps): Promise<Attempt> {
  const client = await d.buildClient();
  const base = await debianBase(d);
  return buildHelper(client, tag, HELPER_DOCKERFILE, { BASE: base }, null, base);
}

async function fromHost(tag: string, d: HelperDeps): Promise<Attempt> {
  const configured = (d.env ?? process.env).SLIPWAY_HELPER_HOST_BUSYBOX;
  const candidates =
    d.hostCandidates ??
    (configured !== undefined ? configured.split(':').filter(Boolean) : DEFAULT_HOST_CANDIDATES);
  if (!candidates.length) return { ok: false, why: 'host lookup disabled' };
  const busybox = candidates.find((p) => existsSync(p) && isStaticElf(readFileSync(p)));
  if (!busybox) return { ok: false, why: `no static busybox at ${candidates.join(', ')}` };
  d.onProgress?.(`building the helper image from this host's ${busybox}`);
  return buildHelper(await d.buildClient(), tag, HOST_DOCKERFILE, {}, busybox, `host:${busybox}`);
}

/** A Debian image to install busybox-static in: one already present, else one slipway makes (or pulls). */
async function debianBase(d: HelperDeps): Promise<string> {
  for (const ref of DEBIAN_BASES) if ((await present(d.docker, ref)).ok) return ref;
  const tags = (await d.docker.listImages()).flatMap((i) => i.RepoTags ?? []);
  const node = tags.find((t) => recipeFor(t)?.nodeMajor != null);
  if (node) return node;
  const client = await d.buildClient();
  await ensureImages(d.docker, ['debian:bookworm-slim'], {
    dockerBin: client.bin,
    onProgress: (l) => d.onProgress?.(l),
  });
  return 'debian:bookworm-slim';
}

async function buildHelper(
  client: BuildClient,
  tag: string,
  dockerfile: string,
  buildArgs: Record<string, string>,
  busybox: string | null,
  base: string,
): Promise<Attempt> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-helper-'));
  try {
    if (busybox) copyFileSync(busybox, join(dir, 'busybox'));
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    const out = await dockerBuild({
      client,
      dockerfile: join(dir, 'Dockerfile'),
      context: dir,
      target: 'helper',
      tags: [tag],
      labels: { [HELPER_LABEL]: 'busybox', 'dev.slipway.helper.base': base },
      buildArgs,
      secrets: [],
    });
    if (!out.ok)
      return {
        ok: false,
        why: `${out.failure?.message ?? 'the build failed'}${out.failure?.logTail.length ? ` (${out.failure.logTail.slice(-1)[0]})` : ''}`,
      };
    return { ok: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The image must hold a static /bin/busybox; one that does not is untagged again. */
async function verify(tag: string, d: HelperDeps): Promise<Attempt> {
  const fs = await ImageFs.open(d.docker, tag, d.session, 1);
  let bytes: Buffer | null;
  try {
    bytes = await fs.readBytes('/bin/busybox');
  } finally {
    await fs.close();
  }
  if (bytes && isStaticElf(bytes)) return { ok: true };
  await d.docker
    .getImage(tag)
    .remove({ noprune: true })
    .catch(() => undefined);
  return { ok: false, why: bytes ? '/bin/busybox is not statically linked' : 'no /bin/busybox in it' };
}

async function retag(docker: Docker, from: string, to: string): Promise<void> {
  const at = to.lastIndexOf(':');
  await docker.getImage(from).tag({ repo: to.slice(0, at), tag: to.slice(at + 1) });
}

const firstLine = (e: unknown) =>
  errorMessage(e)
    .split('\n')[0]
    ?.replace(/^\(HTTP code \d+\) [a-z ]+- /, '')
    .trim() ?? '';
