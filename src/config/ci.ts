import { isMap, isScalar, type Node } from 'yaml';
import type { CiConfig } from './config.js';
import { type Err, type Raw, readMap, scalarString } from './nodes.js';

export const CI_KEYS = [
  'registry',
  'defaultBranch',
  'setup',
  'command',
  'schedule',
  'github',
  'circleci',
] as const;
const GITHUB_KEYS = ['runner', 'node'] as const;
const CIRCLECI_KEYS = ['machine', 'resourceClass', 'context'] as const;

/** What the generated CI uses when `ci:` says nothing (docs/config.md). */
export const defaultCi = (): CiConfig => ({
  registry: null,
  defaultBranch: 'main',
  setup: null,
  command: null,
  schedule: '17 3 * * 1',
  github: { runner: 'ubuntu-24.04', node: '22' },
  circleci: { machine: 'ubuntu-2404:current', resourceClass: 'medium', context: null },
});

const COMPONENT = /^[a-z0-9]+(?:[._-]+[a-z0-9]+)*$/;

/** `host[:port]/path/...` or `path/...` (Docker Hub), lowercase, without a tag or digest. */
export function isRegistryRepository(s: string): boolean {
  const parts = s.split('/');
  const [first, ...rest] = parts;
  if (first === undefined || rest.length === 0) return COMPONENT.test(s);
  const host = first.match(/^([a-z0-9]+(?:[.-][a-z0-9]+)*)(?::(\d{1,5}))?$/);
  return Boolean(host) && rest.every((p) => COMPONENT.test(p));
}

const BRANCH = /^(?![-/])[A-Za-z0-9._/-]+$/;
const CRON_FIELD = /^[0-9A-Za-z*,/-]+$/;

/** `ci:` of slipway.yaml: every problem is reported at its node; the result holds what was valid. */
export function parseCi(node: Node, err: Err): CiConfig {
  const out = defaultCi();
  if (!isMap(node)) {
    err(node, `ci: expected a mapping (${CI_KEYS.join(', ')})`);
    return out;
  }
  const raw: Raw = {};
  readMap(node, CI_KEYS, raw, err, 'ci.');
  const registry = scalarString(raw.registry, 'ci.registry', err);
  if (registry !== undefined) {
    if (registry !== registry.toLowerCase())
      err(raw.registry, `ci.registry: '${registry}' must be lowercase (registries refuse uppercase names)`);
    else if (!isRegistryRepository(registry))
      err(
        raw.registry,
        `ci.registry: '${registry}' is not a registry repository: expected host[:port]/path without a tag, e.g. ghcr.io/acme/shop`,
      );
    else out.registry = registry;
  }
  const branch = scalarString(raw.defaultBranch, 'ci.defaultBranch', err);
  if (branch !== undefined) {
    if (BRANCH.test(branch)) out.defaultBranch = branch;
    else err(raw.defaultBranch, `ci.defaultBranch: '${branch}' is not a branch name`);
  }
  for (const k of ['setup', 'command'] as const) {
    const v = scalarString(raw[k], `ci.${k}`, err);
    if (v !== undefined) out[k] = v.trim();
  }
  const cron = scalarString(raw.schedule, 'ci.schedule', err);
  if (cron !== undefined) {
    const fields = cron.trim().split(/\s+/);
    if (fields.length === 5 && fields.every((f) => CRON_FIELD.test(f))) out.schedule = fields.join(' ');
    else err(raw.schedule, `ci.schedule: '${cron}' is not a cron schedule of 5 fields, e.g. '17 3 * * 1'`);
  }
  if (raw.github !== undefined) {
    const g = section(raw.github, 'ci.github', GITHUB_KEYS, err);
    out.github = {
      runner: word(g.runner, 'ci.github.runner', err) ?? out.github.runner,
      node: word(g.node, 'ci.github.node', err) ?? out.github.node,
    };
  }
  if (raw.circleci !== undefined) {
    const c = section(raw.circleci, 'ci.circleci', CIRCLECI_KEYS, err);
    out.circleci = {
      machine: word(c.machine, 'ci.circleci.machine', err) ?? out.circleci.machine,
      resourceClass: word(c.resourceClass, 'ci.circleci.resourceClass', err) ?? out.circleci.resourceClass,
      context: word(c.context, 'ci.circleci.context', err) ?? null,
    };
  }
  return out;
}

function section(node: Node, name: string, keys: readonly string[], err: Err): Raw {
  const raw: Raw = {};
  if (!isMap(node)) err(node, `${name}: expected a mapping (${keys.join(', ')})`);
  else readMap(node, keys, raw, err, `${name}.`);
  return raw;
}

/** A non-empty string without spaces; a number is accepted as its text (`node: 22`). */
function word(node: Node | undefined, name: string, err: Err): string | undefined {
  if (node === undefined) return undefined;
  const v = isScalar(node) ? node.value : undefined;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  if (!s || /\s/.test(s)) {
    err(node, `${name}: expected a non-empty word (no spaces)`);
    return undefined;
  }
  return s;
}
