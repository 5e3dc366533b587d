/**
 * `test: { <stage>: { ... } }` in slipway.yaml: how `slipway test` and the pipeline run a stage's image for
 * its live checks. Every value is checked where it is written (a located CFG error); the checks on
 * single values are shared with the command line's flags (`slipway test --volume ... --add-host ...`).
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Companion, TestNetwork, TestRun } from './config.js';
import { CONFIG_CODES, type Err, type Raw, readMap, scalarNumber, stringMap } from './nodes.js';

const TEST_KEYS = [
  'entrypoint',
  'cmd',
  'env',
  'user',
  'privileged',
  'capAdd',
  'tmpfs',
  'volumes',
  'addHost',
  'network',
  'systemd',
  'retryTimeout',
  'sleep',
] as const;
const NETWORK_KEYS = ['name', 'subnet', 'internal', 'companions'] as const;
const COMPANION_KEYS = ['name', 'image', 'cmd', 'env'] as const;

/** Each returns the value as slipway passes it to the engine, or why it is not one. */
type Check = (v: string) => string | { error: string };

export const capability: Check = (v) =>
  /^(CAP_)?[A-Z][A-Z0-9_]*$/.test(v)
    ? v
    : { error: `'${v}' is not a capability (SYS_ADMIN, NET_ADMIN, ALL...)` };

export const tmpfsMount: Check = (v) =>
  v.startsWith('/')
    ? v
    : { error: `'${v}' is not an absolute path (PATH or PATH:OPTIONS, e.g. /run:size=64m)` };

const VOLUME_MODES = new Set([
  'ro',
  'rw',
  'z',
  'Z',
  'shared',
  'slave',
  'private',
  'rshared',
  'rslave',
  'rprivate',
]);

/** `SOURCE:TARGET[:MODE]`, a relative source resolved against `base` (the config's directory, or the cwd). */
export const volumeMount =
  (base: string): Check =>
  (v) => {
    const [src, dst, mode, ...rest] = v.split(':');
    if (!src || !dst || rest.length)
      return { error: `'${v}' is not a bind mount: expected SOURCE:TARGET or SOURCE:TARGET:ro` };
    if (!dst.startsWith('/')) return { error: `'${v}': the target ${dst} must be an absolute path` };
    if (mode !== undefined && !mode.split(',').every((m) => VOLUME_MODES.has(m)))
      return { error: `'${v}': unknown mode '${mode}' (ro, rw, z, Z, or a propagation)` };
    return `${resolve(base, src)}:${dst}${mode !== undefined ? `:${mode}` : ''}`;
  };

export const hostEntry: Check = (v) => {
  const at = v.indexOf(':');
  const [name, ip] = at < 0 ? [v, ''] : [v.slice(0, at), v.slice(at + 1)];
  if (!name || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(name) || !(isIP(ip) || ip === 'host-gateway'))
    return { error: `'${v}' is not a host entry: expected NAME:IP (db:10.0.0.5)` };
  return `${name}:${ip}`;
};

export const networkName: Check = (v) =>
  /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? v : { error: `'${v}' is not a network name` };

export const subnet: Check = (v) => {
  const [ip, bits, ...rest] = v.split('/');
  const n = Number(bits);
  const max = isIP(ip ?? '') === 4 ? 32 : isIP(ip ?? '') === 6 ? 128 : 0;
  return max && !rest.length && bits !== undefined && /^\d+$/.test(bits) && n <= max
    ? v
    : { error: `'${v}' is not a subnet in CIDR form (172.19.0.0/16)` };
};

export const companionName: Check = (v) =>
  /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v)
    ? v
    : { error: `'${v}' is not a container name (letters, digits, _ . -)` };

/** `test:` of slipway.yaml; `dir` is the config's directory (bind sources are relative to it). */
export function parseTest(node: Node, err: Err, dir: string): Record<string, TestRun> {
  const out: Record<string, TestRun> = {};
  if (!isMap(node)) {
    err(node, 'test: expected a mapping of stage name to { entrypoint, cmd, env, ... }');
    return out;
  }
  for (const pair of node.items) {
    const stage = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (!isMap(value)) {
      err(value ?? (pair.key as Node), `test.${stage}: expected a mapping with ${TEST_KEYS.join(', ')}`);
      continue;
    }
    const raw: Raw = {};
    const at = `test.${stage}`;
    readMap(value, TEST_KEYS, raw, err, `${at}.`);
    const run: TestRun = { env: raw.env ? stringMap(raw.env, `${at}.env`, err) : {} };
    for (const k of ['entrypoint', 'cmd'] as const) {
      const v = raw[k] === undefined ? undefined : command(raw[k] as Node, `${at}.${k}`, err);
      if (v) run[k] = v;
    }
    const user = raw.user === undefined ? undefined : word(raw.user, `${at}.user`, err);
    if (user !== undefined) run.user = user;
    for (const k of ['privileged', 'systemd'] as const) {
      const v = raw[k] === undefined ? undefined : bool(raw[k] as Node, `${at}.${k}`, err);
      if (v !== undefined) run[k] = v;
    }
    const lists = {
      capAdd: capability,
      tmpfs: tmpfsMount,
      volumes: volumeMount(dir),
      addHost: hostEntry,
    } as const;
    for (const [k, check] of Object.entries(lists) as [keyof typeof lists, Check][]) {
      const v = raw[k] === undefined ? undefined : list(raw[k] as Node, `${at}.${k}`, err, check);
      if (v) run[k] = v;
    }
    if (raw.network !== undefined) {
      const n = network(raw.network, `${at}.network`, err);
      if (n !== undefined) run.network = n;
    }
    const retryTimeout = scalarNumber(raw.retryTimeout, `${at}.retryTimeout`, err, 0, 3600);
    if (retryTimeout !== undefined) run.retryTimeout = retryTimeout;
    const sleep = scalarNumber(raw.sleep, `${at}.sleep`, err, 1, 600);
    if (sleep !== undefined) run.sleep = sleep;
    out[stage] = run;
  }
  return out;
}

/** A list (exec form) or one string split on spaces; numbers and booleans are words too. */
function command(v: Node, what: string, err: Err): string[] | undefined {
  const msg = `${what}: expected a list of strings (exec form) or a command string`;
  if (isScalar(v) && typeof v.value === 'string' && v.value.trim()) return v.value.trim().split(/\s+/);
  if (isSeq(v) && v.items.length) {
    const bad = v.items.find((i) => !isScalar(i) || i.value === null || typeof i.value === 'object');
    if (bad) err(bad as Node, msg);
    else return v.items.map((i) => String((i as { value: unknown }).value));
    return undefined;
  }
  err(v, msg);
  return undefined;
}

function word(v: Node, what: string, err: Err): string | undefined {
  if (isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number') && String(v.value).trim())
    return String(v.value).trim();
  err(v, `${what}: expected a user name or id (name, uid, uid:gid)`);
  return undefined;
}

function bool(v: Node, what: string, err: Err): boolean | undefined {
  if (isScalar(v) && typeof v.value === 'boolean') return v.value;
  err(v, `${what}: expected true or false`);
  return undefined;
}

function list(v: Node, what: string, err: Err, check: Check): string[] | undefined {
  if (!isSeq(v)) {
    err(v, `${what}: expected a list`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of v.items as Node[]) {
    const s =
      isScalar(item) && item.value !== null && typeof item.value !== 'object' ? String(item.value) : null;
    const r = s === null ? { error: 'expected a string' } : check(s);
    if (typeof r === 'string') out.push(r);
    else err(item, `${what}: ${r.error}`);
  }
  return out;
}

function network(v: Node, what: string, err: Err): string | TestNetwork | undefined {
  if (isScalar(v)) {
    const r = typeof v.value === 'string' ? networkName(v.value) : { error: 'expected a network name' };
    if (typeof r === 'string') return r;
    err(v, `${what}: ${r.error} (an existing network, or a mapping with name, subnet, internal, companions)`);
    return undefined;
  }
  if (!isMap(v)) {
    err(v, `${what}: expected an existing network's name or a mapping with ${NETWORK_KEYS.join(', ')}`);
    return undefined;
  }
  const raw: Raw = {};
  readMap(v, NETWORK_KEYS, raw, err, `${what}.`);
  const net: TestNetwork = { internal: false, companions: [] };
  const one = (k: 'name' | 'subnet', check: Check) => {
    const n = raw[k];
    if (n === undefined) return;
    const r = isScalar(n) && typeof n.value === 'string' ? check(n.value) : { error: 'expected a string' };
    if (typeof r === 'string') net[k] = r;
    else err(n, `${what}.${k}: ${r.error}`);
  };
  one('name', networkName);
  one('subnet', subnet);
  if (raw.internal !== undefined) net.internal = bool(raw.internal, `${what}.internal`, err) ?? false;
  if (raw.companions !== undefined) {
    if (!isSeq(raw.companions))
      err(raw.companions, `${what}.companions: expected a list of { name, image, cmd, env }`);
    else
      for (const [i, item] of (raw.companions.items as Node[]).entries()) {
        const c = companion(item, `${what}.companions[${i}]`, err);
        if (!c) continue;
        if (net.companions.some((x) => x.name === c.name))
          err(item, `${what}.companions[${i}]: a companion named '${c.name}' is already declared`);
        else net.companions.push(c);
      }
  }
  return net;
}

function companion(v: Node, what: string, err: Err): Companion | undefined {
  if (!isMap(v)) {
    err(v, `${what}: expected a mapping with ${COMPANION_KEYS.join(', ')}`);
    return undefined;
  }
  const raw: Raw = {};
  readMap(v, COMPANION_KEYS, raw, err, `${what}.`);
  const name = raw.name;
  const image = raw.image;
  const n = isScalar(name) && typeof name.value === 'string' ? companionName(name.value) : null;
  if (name === undefined)
    err(v, `${what}.name: required (the name the target reaches it by)`, CONFIG_CODES.required);
  else if (typeof n !== 'string') err(name, `${what}.name: ${n?.error ?? 'expected a string'}`);
  const img =
    isScalar(image) && typeof image.value === 'string' && image.value.trim() ? image.value.trim() : null;
  if (image === undefined) err(v, `${what}.image: required (an image in the engine)`, CONFIG_CODES.required);
  else if (!img) err(image, `${what}.image: expected an image reference`);
  if (typeof n !== 'string' || !img) return undefined;
  const c: Companion = { name: n, image: img, env: raw.env ? stringMap(raw.env, `${what}.env`, err) : {} };
  if (raw.cmd !== undefined) {
    const cmd = command(raw.cmd, `${what}.cmd`, err);
    if (cmd) c.cmd = cmd;
  }
  return c;
}
