import { existsSync, readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { isMap, parseDocument, YAMLMap } from 'yaml';
import { UserError } from '../core/errors.js';
import { type FsReader, ImageFs } from '../probe/image-fs.js';
import { FsObserver } from '../probe/observe-fs.js';
import type { HelperProvider } from './helper-image.js';
import { httpCheck } from './observe.js';
import { socketsOf } from './readings.js';
import { RunningTarget } from './target.js';

export const ADDABLE = ['file', 'user', 'group', 'package', 'command', 'process', 'port', 'http'] as const;
export type AddableType = (typeof ADDABLE)[number];

/**
 * Observes the real state of one thing in an image, as `goss add` does, and returns the assertion that
 * describes it (attribute → observed value).
 */
export async function observeForAdd(
  docker: Docker,
  helper: HelperProvider,
  image: string,
  type: AddableType,
  name: string,
  session: string,
): Promise<Record<string, unknown>> {
  const fs = await ImageFs.open(docker, image, session);
  let live: RunningTarget | null = null;
  try {
    return await observeState(fs, type, name, async () => {
      const hasShell = (await fs.entry('/bin/sh')) !== null;
      const tag = type === 'port' || type === 'http' ? await helper() : '';
      live ??= await RunningTarget.start(docker, image, { session, helper: tag, hasShell });
      return live;
    });
  } finally {
    await (live as RunningTarget | null)?.close();
    await fs.close();
  }
}

/** The assertion describing `name` as it is in `fs` (and, for live types, in the running target). */
export async function observeState(
  fs: FsReader,
  type: AddableType,
  name: string,
  start: () => Promise<RunningTarget>,
): Promise<Record<string, unknown>> {
  const obs = new FsObserver(fs);
  switch (type) {
    case 'file': {
      // `~user` paths as goss expands them; the key stays as given.
      const path = await obs.expandPath(name);
      if ('error' in path) throw new UserError(`file '${name}': ${path.error}`);
      const f = await obs.file(path.path);
      if (!f.exists) return { exists: false };
      return {
        exists: true,
        mode: f.mode,
        // An id without a name is recorded by number (uid/gid), which goss can check.
        ...(typeof f.owner === 'string' ? { owner: f.owner } : { uid: f.uid }),
        ...(typeof f.group === 'string' ? { group: f.group } : { gid: f.gid }),
        filetype: f.filetype,
        ...(f.linkedTo ? { 'linked-to': f.linkedTo } : {}),
        contents: [],
      };
    }
    case 'user': {
      const u = await obs.user(name);
      return u.exists
        ? { exists: true, uid: u.uid, gid: u.gid, groups: u.groups, home: u.home, shell: u.shell }
        : { exists: false };
    }
    case 'group': {
      const g = await obs.group(name);
      return g.exists ? { exists: true, gid: g.gid } : { exists: false };
    }
    case 'package': {
      const p = await obs.package(name);
      if (p.error) throw new UserError(`cannot observe package '${name}': ${p.error}`);
      return p.installed ? { installed: true, versions: p.versions } : { installed: false };
    }
    case 'command': {
      const x = await (await start()).exec(name, 10_000);
      if (x.timedOut) throw new UserError(`'${name}' did not finish within 10 s`);
      return {
        'exit-status': x.exitCode,
        stdout: x.stdout.trim() ? x.stdout.trimEnd().split('\n') : [],
        stderr: [],
        timeout: 10000,
      };
    }
    case 'process': {
      const names = await (await start()).processes();
      return { running: names.includes(name.slice(0, 15)) };
    }
    case 'port': {
      const sockets = socketsOf(name, await (await start()).listening());
      if (!sockets) throw new UserError(`port '${name}': expected [tcp|tcp6|udp|udp6:]PORT`);
      return sockets.length
        ? { listening: true, ip: [...new Set(sockets.map((s) => s.ip))] }
        : { listening: false };
    }
    case 'http': {
      const res = await httpCheck(await start(), name, {});
      return {
        status: res.status,
        'allow-insecure': false,
        'no-follow-redirects': false,
        timeout: 5000,
        body: [],
      };
    }
    default:
      throw new UserError(`slipway add does not support '${type}' (supported: ${ADDABLE.join(', ')})`);
  }
}

/**
 * `text` (a spec) with `type: { name: assertion }` written in, keeping its comments, order and formatting;
 * an existing assertion for the same name is replaced in place. `file` names the spec in errors.
 */
export function addToSpec(
  text: string,
  file: string,
  type: string,
  name: string,
  assertion: Record<string, unknown>,
): string {
  const doc = parseDocument(text);
  if (doc.errors.length)
    throw new UserError(`${file} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  if (!doc.contents) doc.contents = new YAMLMap() as never;
  if (!isMap(doc.contents))
    throw new UserError(`${file}: expected a mapping of resource types at the top level`);
  const section = doc.get(type, true);
  if (section === undefined) doc.set(type, doc.createNode({ [name]: assertion }));
  else if (isMap(section)) section.set(name, doc.createNode(assertion));
  else throw new UserError(`${file}: '${type}' is not a mapping`);
  return doc.toString({ lineWidth: 0 });
}

/** The spec's text, or '' for a spec that does not exist yet. */
export const specText = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');
