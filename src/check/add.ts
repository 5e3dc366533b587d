import { existsSync, readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { isMap, parseDocument, YAMLMap } from 'yaml';
import { UserError } from '../core/errors.js';
import { ADDABLE, identityFor, RESOURCES, type ResourceType } from '../gossfile/index.js';
import { type FsReader, ImageFs } from '../probe/image-fs.js';
import { FsObserver } from '../probe/observe-fs.js';
import type { HelperProvider } from './helper-image.js';
import { needsHelper, observe, runsTarget } from './system/index.js';
import { RunningTarget } from './target.js';

/**
 * Observes the real state of one thing in an image, as `goss add` does, and returns the assertion that
 * describes it (attribute → observed value).
 */
export async function observeForAdd(
  docker: Docker,
  helper: HelperProvider,
  image: string,
  type: ResourceType,
  name: string,
  session: string,
): Promise<Record<string, unknown>> {
  const fs = await ImageFs.open(docker, image, session);
  let live: RunningTarget | null = null;
  try {
    return await observeState(fs, type, name, async () => {
      const hasShell = (await fs.entry('/bin/sh')) !== null;
      const tag = needsHelper(type) ? await helper() : '';
      live ??= await RunningTarget.start(docker, image, { session, helper: tag, hasShell });
      return live;
    });
  } finally {
    await (live as RunningTarget | null)?.close();
    await fs.close();
  }
}

/**
 * The assertion describing `name` as it is in `fs` (and, for live types, in the running target): the type's
 * observer sees it, its module writes it (gossfile/resources/<type>.ts `add`).
 */
export async function observeState(
  fs: FsReader,
  type: ResourceType,
  name: string,
  start: () => Promise<RunningTarget>,
): Promise<Record<string, unknown>> {
  const add = RESOURCES[type].add;
  if (!add) throw new UserError(`slipway add does not support '${type}' (supported: ${ADDABLE.join(', ')})`);
  // A target that cannot start is the user's or the machine's problem, not an observation.
  if (runsTarget(type)) await start();
  const observed = await observe(type, identityFor(type, name, add.observes), {
    fs: new FsObserver(fs),
    live: start,
  });
  return add.write(observed, name);
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
