import type { AttributeSpec, DeclaredResource, ResourceSchema, ResourceType } from '../declared.js';
import { addr } from './addr.js';
import { command } from './command.js';
import { META, SKIP, TITLE } from './common.js';
import { dns } from './dns.js';
import { file } from './file.js';
import { gossfile } from './gossfile.js';
import { group } from './group.js';
import { http } from './http.js';
import { iface } from './interface.js';
import { kernelParam } from './kernel-param.js';
import { matching } from './matching.js';
import { mount } from './mount.js';
import { pkg } from './package.js';
import { port } from './port.js';
import { proc } from './process.js';
import { service } from './service.js';
import { user } from './user.js';

export const SCHEMAS: Record<ResourceType, ResourceSchema> = {
  file,
  package: pkg,
  user,
  group,
  command,
  process: proc,
  port,
  addr,
  http,
  dns,
  mount,
  'kernel-param': kernelParam,
  interface: iface,
  service,
  matching,
  gossfile,
};

/** Every attribute a type accepts, including title, meta and (where allowed) skip. */
export function attributesOf(type: ResourceType): AttributeSpec[] {
  const s = SCHEMAS[type];
  return [TITLE, META, ...(s.skippable ? [SKIP] : []), ...s.attributes];
}

/** What the resource tests: its target option (`path`, `url`, `exec`...) or else its key. */
export function targetOf(r: DeclaredResource): unknown {
  const t = SCHEMAS[r.type].target;
  return (t && r.options[t]) ?? r.id;
}

/**
 * The resource id goss prints with each result: the key, or `key: target` when a target option (`path`, `url`,
 * `name`...) is set and differs from it. A command's id is always its key, whatever `exec` says.
 */
export function resultId(r: DeclaredResource): string {
  const t = SCHEMAS[r.type].target;
  if (!t || r.type === 'command' || r.type === 'gossfile') return r.id;
  const v = r.options[t];
  return typeof v === 'string' && v !== '' && v !== r.id ? `${r.id}: ${v}` : r.id;
}
