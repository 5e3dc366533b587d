/**
 * The table of resource types (goss: resource/resource_list.go): one module per type, each its attributes,
 * defaults, gating and `add`; their observers are the table in check/system/index.ts, file for file.
 * Adding a type: write `<type>.ts` here and in check/system/, and add one line to each table.
 */
import { addr } from './addr.js';
import { META, SKIP, TITLE } from './attributes.js';
import { command } from './command.js';
import { dns } from './dns.js';
import { file } from './file.js';
import { gossfile } from './gossfile.js';
import { group } from './group.js';
import { http } from './http.js';
import { iface } from './interface.js';
import { kernelParam } from './kernel-param.js';
import { matching } from './matching.js';
import type { AttributeSpec, ResourceModule } from './module.js';
import { mount } from './mount.js';
import { pkg } from './package.js';
import { port } from './port.js';
import { proc } from './process.js';
import { service } from './service.js';
import { user } from './user.js';

/** In this order in messages ("expected one of: file, package, ..."). */
export const RESOURCES = {
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
} satisfies Record<string, ResourceModule>;

export type ResourceType = keyof typeof RESOURCES;

export const RESOURCE_TYPES = Object.keys(RESOURCES) as ResourceType[];

/** The types `slipway add` can write: those whose module says how. */
export const ADDABLE: readonly ResourceType[] = RESOURCE_TYPES.filter(
  (t) => (RESOURCES[t] as ResourceModule).add !== undefined,
);

/** Every attribute a type accepts, including title, meta and (where allowed) skip. */
export function attributesOf(type: ResourceType): AttributeSpec[] {
  const s: ResourceModule = RESOURCES[type];
  return [TITLE, META, ...(s.skippable ? [SKIP] : []), ...s.attributes];
}
