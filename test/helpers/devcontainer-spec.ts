/**
 * The properties of devcontainer.json for a Dockerfile-based container, as the Development Containers
 * specification defines them (devContainer.base.schema.json: devContainerCommon, nonComposeBase,
 * dockerfileContainer, buildOptions, Mount), with their JSON types. `devcontainer read-configuration`
 * accepts truncated JSON and wrong types, so the tests check the written file against this table.
 */
type Kind = 'string' | 'boolean' | 'integer' | 'array' | 'object';

const COMMON: Record<string, Kind[]> = {
  $schema: ['string'],
  name: ['string'],
  features: ['object'],
  overrideFeatureInstallOrder: ['array'],
  secrets: ['object'],
  forwardPorts: ['array'],
  portsAttributes: ['object'],
  otherPortsAttributes: ['object'],
  updateRemoteUserUID: ['boolean'],
  containerEnv: ['object'],
  containerUser: ['string'],
  mounts: ['array'],
  init: ['boolean'],
  privileged: ['boolean'],
  capAdd: ['array'],
  securityOpt: ['array'],
  remoteEnv: ['object'],
  remoteUser: ['string'],
  initializeCommand: ['string', 'array', 'object'],
  onCreateCommand: ['string', 'array', 'object'],
  updateContentCommand: ['string', 'array', 'object'],
  postCreateCommand: ['string', 'array', 'object'],
  postStartCommand: ['string', 'array', 'object'],
  postAttachCommand: ['string', 'array', 'object'],
  waitFor: ['string'],
  userEnvProbe: ['string'],
  hostRequirements: ['object'],
  customizations: ['object'],
};
const NON_COMPOSE: Record<string, Kind[]> = {
  appPort: ['integer', 'string', 'array'],
  runArgs: ['array'],
  shutdownAction: ['string'],
  overrideCommand: ['boolean'],
  workspaceFolder: ['string'],
  workspaceMount: ['string'],
  build: ['object'],
};
const BUILD: Record<string, Kind[]> = {
  dockerfile: ['string'],
  context: ['string'],
  target: ['string'],
  args: ['object'],
  cacheFrom: ['string', 'array'],
  options: ['array'],
};
const MOUNT: Record<string, Kind[]> = { type: ['string'], source: ['string'], target: ['string'] };

const kindOf = (v: unknown): Kind | 'other' =>
  Array.isArray(v)
    ? 'array'
    : v !== null && typeof v === 'object'
      ? 'object'
      : typeof v === 'string'
        ? 'string'
        : typeof v === 'boolean'
          ? 'boolean'
          : Number.isInteger(v)
            ? 'integer'
            : 'other';

function props(where: string, doc: Record<string, unknown>, table: Record<string, Kind[]>, out: string[]) {
  for (const [k, v] of Object.entries(doc)) {
    const kinds = table[k];
    if (!kinds) out.push(`${where}${k}: not a property of the specification`);
    else if (!kinds.includes(kindOf(v) as Kind))
      out.push(`${where}${k}: ${kindOf(v)}, expected ${kinds.join(' or ')}`);
  }
}

/** The problems of a Dockerfile-based devcontainer.json against the specification; [] when none. */
export function devcontainerProblems(doc: unknown): string[] {
  const out: string[] = [];
  if (kindOf(doc) !== 'object') return ['not an object'];
  const d = doc as Record<string, unknown>;
  props('', d, { ...COMMON, ...NON_COMPOSE }, out);
  const build = d.build as Record<string, unknown> | undefined;
  if (!build || typeof build.dockerfile !== 'string') out.push('build.dockerfile: required');
  if (build && kindOf(build) === 'object') props('build.', build, BUILD, out);
  for (const [i, p] of ((d.forwardPorts as unknown[]) ?? []).entries()) {
    const ok =
      (Number.isInteger(p) && (p as number) >= 0 && (p as number) <= 65535) ||
      (typeof p === 'string' && /^([a-z0-9-]+):(\d{1,5})$/.test(p));
    if (!ok) out.push(`forwardPorts[${i}]: a port number or "host:port"`);
  }
  for (const [i, m] of ((d.mounts as unknown[]) ?? []).entries()) {
    if (typeof m === 'string') continue;
    if (kindOf(m) !== 'object') {
      out.push(`mounts[${i}]: a Mount object or a string`);
      continue;
    }
    const mo = m as Record<string, unknown>;
    props(`mounts[${i}].`, mo, MOUNT, out);
    if (mo.type !== 'bind' && mo.type !== 'volume') out.push(`mounts[${i}].type: bind or volume`);
    if (typeof mo.target !== 'string') out.push(`mounts[${i}].target: required`);
  }
  for (const k of ['containerEnv', 'remoteEnv', 'build.args'] as const) {
    const o = (k === 'build.args' ? build?.args : d[k]) as Record<string, unknown> | undefined;
    for (const [n, v] of Object.entries(o ?? {})) if (typeof v !== 'string') out.push(`${k}.${n}: a string`);
  }
  if (d.shutdownAction !== undefined && !['none', 'stopContainer'].includes(d.shutdownAction as string))
    out.push('shutdownAction: none or stopContainer');
  return out;
}
