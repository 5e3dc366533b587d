import { isAbsolute, posix, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { DevConfig, DevPort } from './config.js';
import { type Err, type Raw, readMap, scalarString, stringMap } from './nodes.js';

export const DEV_KEYS = [
  'workspace',
  'workdir',
  'dependencies',
  'lockfile',
  'volumes',
  'ports',
  'env',
  'envFile',
  'command',
  'shell',
  'name',
] as const;

/** What `slipway dev` uses when `dev:` says nothing (docs/config.md#dev). */
export const defaultDev = (root: string): DevConfig => ({
  workspace: root,
  workdir: null,
  dependencies: null,
  lockfile: null,
  volumes: [],
  ports: null,
  env: {},
  envFile: null,
  command: null,
  shell: null,
  name: null,
});

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** `dev:` of slipway.yaml; host paths are resolved against `root`, the directory of the config. */
export function parseDev(node: Node, err: Err, root: string): DevConfig {
  const out = defaultDev(root);
  if (!isMap(node)) {
    err(node, `dev: expected a mapping (${DEV_KEYS.join(', ')})`);
    return out;
  }
  const raw: Raw = {};
  readMap(node, DEV_KEYS, raw, err, 'dev.');
  const host = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  const workspace = scalarString(raw.workspace, 'dev.workspace', err);
  if (workspace !== undefined) out.workspace = host(workspace);
  const workdir = containerPath(raw.workdir, 'dev.workdir', err, true);
  if (workdir !== undefined) out.workdir = workdir;
  if (raw.dependencies !== undefined) {
    const v = raw.dependencies;
    if (isScalar(v) && v.value === false) out.dependencies = false;
    else {
      const p = containerPath(v, 'dev.dependencies', err, false);
      if (p !== undefined) out.dependencies = p;
    }
  }
  const lockfile = scalarString(raw.lockfile, 'dev.lockfile', err);
  if (lockfile !== undefined) out.lockfile = host(lockfile);
  if (raw.volumes !== undefined) {
    if (!isSeq(raw.volumes))
      err(raw.volumes, 'dev.volumes: expected a list of container paths, e.g. [/data]');
    else
      for (const item of raw.volumes.items) {
        const p = containerPath(item as Node, 'dev.volumes[]', err, true);
        if (p !== undefined) out.volumes.push(p);
      }
  }
  if (raw.ports !== undefined) out.ports = parsePorts(raw.ports, err);
  if (raw.env !== undefined) out.env = stringMap(raw.env, 'dev.env', err);
  const envFile = scalarString(raw.envFile, 'dev.envFile', err);
  if (envFile !== undefined) out.envFile = host(envFile);
  for (const k of ['command', 'shell'] as const) {
    const v = raw[k];
    if (v === undefined) continue;
    const what = `dev.${k}: expected a command string (run by /bin/sh -c) or a list of strings (exec form)`;
    if (isScalar(v) && typeof v.value === 'string' && v.value.trim())
      out[k] = ['/bin/sh', '-c', v.value.trim()];
    else if (isSeq(v) && v.items.length) {
      const bad = v.items.find((i) => !isScalar(i) || i.value === null || typeof i.value === 'object');
      if (bad) err(bad as Node, what);
      else out[k] = v.items.map((i) => String((i as { value: unknown }).value));
    } else err(v, what);
  }
  const name = scalarString(raw.name, 'dev.name', err);
  if (name !== undefined) {
    if (CONTAINER_NAME.test(name)) out.name = name;
    else
      err(raw.name, `dev.name: '${name}' is not a container name (letters, digits, '_', '.', '-'; no '/')`);
  }
  return out;
}

/** A path inside the container: absolute, or (when allowed) relative to the working directory. */
function containerPath(
  node: Node | undefined,
  name: string,
  err: Err,
  absolute: boolean,
): string | undefined {
  const v = scalarString(node, name, err);
  if (v === undefined) return undefined;
  if (absolute && !v.startsWith('/')) {
    err(node, `${name}: '${v}' must be an absolute path in the container`);
    return undefined;
  }
  const clean = posix.normalize(v).replace(/(.)\/$/, '$1');
  if (clean === '/' || clean.split('/').includes('..')) {
    err(node, `${name}: '${v}' cannot be mounted over`);
    return undefined;
  }
  return clean;
}

const PORT = /^(?:(\d{1,5}):)?(\d{1,5})(?:\/(tcp|udp))?$/;

/** `ports: [3000, "8080:3000", "5353/udp"]`: the container port, published on 127.0.0.1 at the same port or the one given. */
function parsePorts(node: Node, err: Err): DevPort[] {
  const out: DevPort[] = [];
  if (!isSeq(node)) {
    err(node, 'dev.ports: expected a list of ports, e.g. [3000, "8080:3000"]');
    return out;
  }
  for (const item of node.items as Node[]) {
    const text = isScalar(item) && (typeof item.value === 'number' || typeof item.value === 'string');
    const m = text ? PORT.exec(String((item as { value: unknown }).value)) : null;
    const container = m ? Number(m[2]) : 0;
    const hostPort = m?.[1] !== undefined ? Number(m[1]) : container;
    if (!m || container < 1 || container > 65535 || hostPort < 1 || hostPort > 65535) {
      err(item, "dev.ports[]: expected a port (3000), 'HOST:CONTAINER' ('8080:3000') or with '/udp'");
      continue;
    }
    out.push({ host: hostPort, container, protocol: (m[3] as 'tcp' | 'udp' | undefined) ?? 'tcp' });
  }
  return out;
}
