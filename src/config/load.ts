import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type Diagnostic, diagnostic, pointRange, type Range } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { parseBudgets } from './budgets.js';
import { defaultCi, parseCi } from './ci.js';
import { CONFIG_FILE, type Config, ROLES, type Role, type SmokeConfig, type SmokeStep } from './config.js';
import { defaultDev, parseDev } from './dev.js';
import {
  CONFIG_CODES,
  type Err,
  findKey,
  type Raw,
  readMap,
  scalarNumber,
  scalarString,
  stringMap,
} from './nodes.js';
import { parseTest } from './test-run.js';

/** Finds `slipway.yaml` in `cwd` and loads it; without one, defaults apply. Throws UserError with diagnostics. */
export function loadConfig(cwd: string, explicit?: string): Config {
  const file = explicit ? resolve(cwd, explicit) : join(cwd, CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new UserError(`config file not found: ${file}`);
    return withDefaults(cwd, null, {});
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    // A read of a directory fails without naming it: name it, so the CLI can say which path is wrong.
    throw e instanceof Error && !('path' in e) ? Object.assign(e, { path: file }) : e;
  }
  return parseConfig(text, file);
}

const TOP_KEYS = [
  'dockerfile',
  'context',
  'image',
  'buildArgs',
  'specs',
  'roles',
  'ca',
  'smoke',
  'test',
  'ci',
  'dev',
  'budgets',
] as const;
const SMOKE_KEYS = ['stage', 'port', 'volume', 'env', 'timeout', 'steps'] as const;
const STEP_KEYS = ['request', 'body', 'expect', 'expectJson', 'capture', 'restart'] as const;

/**
 * Where defaults look (is there a `Dockerfile`? the `package.json` name): the disk by default; a revision's
 * tree when the plan reads the config as it was at a commit.
 */
export interface ConfigProbe {
  exists: (path: string) => boolean;
  read: (path: string) => string | null;
}

const diskProbe: ConfigProbe = {
  exists: existsSync,
  read: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return null;
    }
  },
};

/** The config slipway runs on without a config file in `root`. */
export const defaultConfig = (root: string, probe: ConfigProbe = diskProbe): Config =>
  withDefaults(root, null, {}, probe);

/** Parses config text; every problem is located. Throws one UserError carrying them when there is an error. */
export function parseConfig(text: string, file: string, probe: ConfigProbe = diskProbe): Config {
  const { config, diagnostics } = readConfig(text, file, probe);
  if (!config) throw new UserError(`invalid config ${file}`, { diagnostics });
  return config;
}

/**
 * Reads config text, totally: the config (null when there is an error) and every problem with its place and
 * its own code (CFG000–CFG004, docs/diagnostics.md). Never throws.
 */
export function readConfig(
  text: string,
  file: string,
  probe: ConfigProbe = diskProbe,
): { config: Config | null; diagnostics: Diagnostic[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const ds: Diagnostic[] = [];
  const at = (node: Node | null | undefined): Range => {
    const r = node?.range;
    if (!r) return pointRange();
    const s = lc.linePos(r[0]);
    const e = lc.linePos(r[1]);
    return { start: { line: s.line, column: s.col }, end: { line: e.line, column: e.col } };
  };
  const err: Err = (node, msg, code = CONFIG_CODES.value) => ds.push(diagnostic(code, file, at(node), msg));

  for (const e of doc.errors) {
    const p = lc.linePos(e.pos[0]);
    ds.push(
      diagnostic(CONFIG_CODES.yaml, file, pointRange(p.line, p.col), e.message.split('\n')[0] ?? e.message),
    );
  }
  if (ds.length) return { config: null, diagnostics: ds };

  const root = doc.contents;
  const raw: Raw = {};
  if (root !== null && !isMap(root)) err(root, 'expected a mapping of settings at the top level');
  else if (root) readMap(root, TOP_KEYS, raw, err);

  const str = (k: string): string | undefined => scalarString(raw[k], k, err);
  const dir = dirname(file);
  const out: Partial<Config> = {};
  for (const k of ['dockerfile', 'context', 'image', 'specs', 'ca'] as const) {
    const v = str(k);
    if (v !== undefined) (out as Record<string, string>)[k] = v;
  }
  if (
    out.image !== undefined &&
    !/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(out.image)
  )
    err(
      raw.image,
      `image: '${out.image}' is not a valid image name (lowercase letters, digits, '.', '_', '-', '/')`,
    );
  if (out.specs !== undefined && !out.specs.includes('{stage}'))
    err(raw.specs, "specs: the pattern must contain '{stage}', e.g. docker/goss.{stage}.yaml");
  if (raw.buildArgs) out.buildArgs = stringMap(raw.buildArgs, 'buildArgs', err);
  if (raw.roles) {
    const roles = stringMap(raw.roles, 'roles', err);
    const chosen: Partial<Record<Role, string>> = {};
    for (const [k, v] of Object.entries(roles)) {
      if (!(ROLES as readonly string[]).includes(k))
        err(
          findKey(raw.roles, k),
          `roles: unknown role '${k}' (known: ${ROLES.join(', ')})`,
          CONFIG_CODES.unknown,
        );
      else chosen[k as Role] = v;
    }
    out.roles = chosen as Record<Role, string>;
  }
  if (raw.smoke) out.smoke = parseSmoke(raw.smoke, err);
  if (raw.test) out.test = parseTest(raw.test, err, dir);
  if (raw.ci) out.ci = parseCi(raw.ci, err);
  if (raw.dev) out.dev = parseDev(raw.dev, err, dir);
  if (raw.budgets) out.budgets = parseBudgets(raw.budgets, err, at);
  out.stageRefs = stageRefs(raw, at);
  if (ds.length) return { config: null, diagnostics: ds };
  return { config: withDefaults(dir, file, out, probe), diagnostics: ds };
}

/** Where the config names stages: each role given under `roles:`, `smoke.stage`, and each key under `test:`. */
function stageRefs(raw: Raw, at: (n: Node | null | undefined) => Range): Config['stageRefs'] {
  const out: Config['stageRefs'] = [];
  if (isMap(raw.roles))
    for (const pair of raw.roles.items) {
      const role = isScalar(pair.key) ? String(pair.key.value) : '';
      const node = pair.value as Node | null;
      if ((ROLES as readonly string[]).includes(role) && isScalar(node) && node.value !== null)
        out.push({ setting: `roles.${role}`, stage: String(node.value), range: at(node) });
    }
  if (isMap(raw.smoke)) {
    const node = raw.smoke.items.find((p) => isScalar(p.key) && p.key.value === 'stage')?.value as
      | Node
      | undefined;
    if (isScalar(node) && typeof node.value === 'string')
      out.push({ setting: 'smoke.stage', stage: node.value, range: at(node) });
  }
  if (isMap(raw.test))
    for (const pair of raw.test.items)
      if (isScalar(pair.key))
        out.push({
          setting: `test.${pair.key.value}`,
          stage: String(pair.key.value),
          range: at(pair.key as Node),
        });
  return out;
}

function parseSmoke(node: Node, err: Err): SmokeConfig | undefined {
  if (!isMap(node)) {
    err(node, 'smoke: expected a mapping (stage, port, volume, env, timeout, steps)');
    return undefined;
  }
  const raw: Raw = {};
  readMap(node, SMOKE_KEYS, raw, err, 'smoke.');
  const stage = scalarString(raw.stage, 'smoke.stage', err);
  const port = scalarNumber(raw.port, 'smoke.port', err, 1, 65535);
  if (stage === undefined)
    err(raw.stage ?? node, 'smoke.stage: required (the stage whose image is run)', CONFIG_CODES.required);
  if (port === undefined && raw.port === undefined)
    err(node, 'smoke.port: required (the port the service listens on)', CONFIG_CODES.required);
  const steps: SmokeStep[] = [];
  if (raw.steps !== undefined) {
    if (!isSeq(raw.steps)) err(raw.steps, 'smoke.steps: expected a list of steps');
    else
      for (const item of raw.steps.items) {
        const s = parseStep(item as Node, err);
        if (s) steps.push(s);
      }
  }
  return {
    stage: stage ?? '',
    port: port ?? 0,
    ...(raw.volume !== undefined ? { volume: scalarString(raw.volume, 'smoke.volume', err) ?? '' } : {}),
    env: raw.env ? stringMap(raw.env, 'smoke.env', err) : {},
    timeout: scalarNumber(raw.timeout, 'smoke.timeout', err, 1, 3600) ?? 60,
    steps,
  };
}

function parseStep(node: Node, err: Err): SmokeStep | undefined {
  if (!isMap(node)) {
    err(node, "smoke.steps: expected a mapping with 'request' or 'restart'");
    return undefined;
  }
  const raw: Raw = {};
  readMap(node, STEP_KEYS, raw, err, 'smoke.steps[].');
  if (raw.restart !== undefined) return { kind: 'restart' };
  const req = scalarString(raw.request, 'request', err);
  const m = req?.match(/^(GET|POST|PUT|PATCH|DELETE|HEAD) (\/\S*)$/);
  if (!m) {
    err(raw.request ?? node, "smoke.steps[].request: expected 'METHOD /path', e.g. 'GET /healthz'");
    return undefined;
  }
  const expect = scalarNumber(raw.expect, 'expect', err, 100, 599) ?? 200;
  const step: SmokeStep = {
    kind: 'request',
    method: m[1] as string,
    path: m[2] as string,
    expectStatus: expect,
  };
  if (raw.body !== undefined) step.body = raw.body.toJSON();
  if (raw.expectJson !== undefined) {
    if (!isMap(raw.expectJson)) err(raw.expectJson, 'expectJson: expected a mapping of field to value');
    else step.expectJson = raw.expectJson.toJSON() as Record<string, unknown>;
  }
  if (raw.capture !== undefined) step.capture = stringMap(raw.capture, 'capture', err);
  return step;
}

function defaultImageName(root: string, probe: ConfigProbe): string {
  try {
    const pkg = JSON.parse(probe.read(join(root, 'package.json')) ?? '') as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name) return sanitizeImageName(pkg.name);
  } catch {
    /* no package.json: fall back to the directory name */
  }
  return sanitizeImageName(basename(root));
}

const sanitizeImageName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/[^a-z0-9._/-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'app';

function withDefaults(
  root: string,
  file: string | null,
  c: Partial<Config>,
  probe: ConfigProbe = diskProbe,
): Config {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  return {
    root,
    file,
    dockerfile: abs(
      c.dockerfile ?? (probe.exists(join(root, 'Dockerfile')) ? 'Dockerfile' : 'docker/Dockerfile'),
    ),
    context: abs(c.context ?? '.'),
    image: c.image ?? defaultImageName(root, probe),
    buildArgs: c.buildArgs ?? {},
    specs: c.specs ?? 'docker/goss.{stage}.yaml',
    roles: { ...Object.fromEntries(ROLES.map((r) => [r, r])), ...(c.roles ?? {}) } as Record<Role, string>,
    ca: c.ca ? abs(c.ca) : null,
    smoke: c.smoke ?? null,
    test: c.test ?? {},
    ci: c.ci ?? defaultCi(),
    dev: c.dev ?? defaultDev(root),
    budgets: c.budgets ?? [],
    stageRefs: c.stageRefs ?? [],
  };
}
