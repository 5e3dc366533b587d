/**
 * Reads what the plan compares from one revision: slipway.yaml, the Dockerfile and its model, the ignore
 * file in force, the context's files, each stage's spec and the files it includes. At head (`strict`), bad
 * input is a UserError (exit 2) as for every command; at the base, it is recorded so the plan can build
 * everything and say why.
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { type ConfigProbe, defaultConfig, parseConfig } from '../config/load.js';
import { ignoreFileFor, ignoreRules } from '../context/dockerignore.js';
import { type Diagnostic, hasErrors } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { cleanPath } from '../core/filepath-match.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import type { DockerfileModel } from '../dockerfile/stage.js';
import { parseFile } from '../gossfile/load.js';
import { checkStageRefs } from '../project/project.js';
import type { RevisionView, SpecAt } from './plan-types.js';
import { GIT_MARKER } from './plan-types.js';
import type { Revision } from './revision.js';

export interface ViewOptions {
  /** The repository root (absolute). */
  root: string;
  /** Where slipway runs (absolute): the config is looked up here. */
  cwd: string;
  configFile?: string | undefined;
  dockerfile?: string | undefined;
  /** `--build-arg`s on top of the config's. */
  buildArgs?: Readonly<Record<string, string>> | undefined;
  env: Record<string, string | undefined>;
  /** Head: bad input throws. Base: it is recorded in the view. */
  strict: boolean;
}

export interface ReadView {
  view: RevisionView;
  config: Config | null;
  model: DockerfileModel | null;
}

export async function readView(rev: Revision, o: ViewOptions): Promise<ReadView> {
  const rel = (abs: string) => relative(o.root, abs).split('\\').join('/');
  const configAbs = resolve(o.cwd, o.configFile ?? 'slipway.yaml');
  const configRel = rel(configAbs);
  const pkgRel = rel(join(o.cwd, 'package.json'));
  // The first read also takes the usual Dockerfile and ignore-file places: one process instead of two.
  const usual = [
    'Dockerfile',
    'docker/Dockerfile',
    '.dockerignore',
    'Dockerfile.dockerignore',
    'docker/Dockerfile.dockerignore',
  ]
    .map((f) => rel(join(o.cwd, f)))
    .filter((f) => rev.has(f));
  // ...and the YAML files next to the default spec place (specs and what they include, usually).
  const specDir = `${rel(join(o.cwd, 'docker'))}/`;
  const yaml = rev.entries
    .filter((e) => e.path.startsWith(specDir) && /\.ya?ml$/.test(e.path))
    .slice(0, 200)
    .map((e) => e.path);
  const first = await rev.read([configRel, pkgRel, ...usual, ...yaml]);
  const probe: ConfigProbe = {
    exists: (abs) => rev.has(rel(abs)) || rev.isDir(rel(abs)),
    read: (abs) => (rel(abs) === pkgRel ? (first.get(pkgRel) ?? null) : null),
  };
  const configText = first.get(configRel) ?? null;
  const settingsFile = configText === null ? null : configRel;
  let config: Config;
  try {
    if (configText === null && o.configFile && o.strict)
      throw new UserError(`config file not found: ${o.configFile} (at ${rev.label})`);
    config = configText === null ? defaultConfig(o.cwd, probe) : parseConfig(configText, configAbs, probe);
  } catch (e) {
    if (o.strict || !(e instanceof UserError)) throw e;
    return unreadable(rev, { settings: { file: settingsFile, error: firstProblem(e) } });
  }
  if (o.dockerfile) config.dockerfile = resolve(o.cwd, o.dockerfile);
  Object.assign(config.buildArgs, o.buildArgs ?? {});
  const dfRel = rel(config.dockerfile);
  const context = rel(config.context) === '' ? '' : rel(config.context);
  if (context.startsWith('..') || dfRel.startsWith('..')) {
    const what = context.startsWith('..')
      ? `the build context ${config.context}`
      : `the Dockerfile ${config.dockerfile}`;
    if (o.strict) throw new UserError(`${what} is outside the repository ${o.root}`);
    return unreadable(rev, { settings: { file: settingsFile, error: `${what} is outside the repository` } });
  }
  const ignoreAbs = ignoreFileFor(config.dockerfile, config.context, (abs) => rev.has(rel(abs)));
  const ignoreRel = ignoreAbs ? rel(ignoreAbs) : null;
  const prefix = context ? `${context}/` : '';
  const inContext = rev.entries.filter((e) => !prefix || e.path.startsWith(prefix));
  const linkPaths = inContext.filter((e) => e.mode === '120000').map((e) => e.path);
  const [texts, links] = await Promise.all([
    rev.read(ignoreRel ? [dfRel, ignoreRel] : [dfRel]),
    linkPaths.length ? rev.readLinks(linkPaths) : Promise.resolve(new Map<string, string>()),
  ]);
  const shown = relative(o.cwd, config.dockerfile) || config.dockerfile;
  const dfText = texts.get(dfRel) ?? null;
  const ignore = ignoreRules(ignoreRel, ignoreRel ? (texts.get(ignoreRel) ?? '') : null);
  const settings = {
    file: settingsFile,
    buildArgs: config.buildArgs,
    test: testSettings(config),
  };
  const base = {
    context,
    // The repository's own .git is in a context rooted at the repository: BuildKit sends it unless ignored.
    contextFiles: [...inContext.map((e) => e.path.slice(prefix.length)), ...(context ? [] : [GIT_MARKER])],
    symlinks: new Map([...links].map(([p, t]) => [p.slice(prefix.length), t])),
    ignore,
    settings,
    specs: {},
  };
  if (dfText === null) {
    if (o.strict)
      throw new UserError(`Dockerfile not found at ${rev.label}: ${shown}`, {
        hint: config.file
          ? `set 'dockerfile:' in ${relative(o.cwd, config.file)}`
          : "pass --file, or set 'dockerfile:' in slipway.yaml",
      });
    return {
      view: { ...base, dockerfile: { path: dfRel, error: `${dfRel} does not exist` } },
      config,
      model: null,
    };
  }
  const { model, diagnostics } = parseDockerfile(dfText, shown, { buildArgs: config.buildArgs });
  if (hasErrors(diagnostics)) {
    if (o.strict) throw new UserError(`invalid Dockerfile ${shown} at ${rev.label}`, { diagnostics });
    const d = diagnostics.find((x) => x.severity === 'error') as Diagnostic;
    return {
      view: {
        ...base,
        dockerfile: {
          path: dfRel,
          error: `line ${d.range.start.line}: ${d.message}`,
          line: d.range.start.line,
        },
      },
      config,
      model: null,
    };
  }
  if (o.strict) checkStageRefs(config, model, shown);
  const specs = await readSpecs(rev, config, model, rel, o.env);
  return { view: { ...base, dockerfile: { path: dfRel, text: dfText, model }, specs }, config, model };
}

function unreadable(rev: Revision, part: Pick<RevisionView, 'settings'>): ReadView {
  return {
    view: {
      dockerfile: { path: '', error: `the config cannot be read at ${rev.label}` },
      context: '',
      contextFiles: [],
      ignore: ignoreRules(null, null),
      specs: {},
      ...part,
    },
    config: null,
    model: null,
  };
}

const firstProblem = (e: UserError): string => {
  const d = e.diagnostics[0];
  return d ? `${d.file}:${d.range.start.line}: ${d.message}` : e.message;
};

/** Per stage: what its test run depends on in slipway.yaml (test: settings; the smoke run for its stage). */
function testSettings(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config.test)) out[k] = { test: v };
  if (config.smoke) out[config.smoke.stage] = { ...(out[config.smoke.stage] as object), smoke: config.smoke };
  return out;
}

/** Each stage's spec and, following `gossfile:` includes (rendered with `env`), every file it brings in. */
async function readSpecs(
  rev: Revision,
  config: Config,
  model: DockerfileModel,
  rel: (abs: string) => string,
  env: Record<string, string | undefined>,
): Promise<Record<string, SpecAt>> {
  const specs: Record<string, SpecAt & { files: string[] }> = {};
  for (const s of model.stages) {
    const file = rel(join(config.root, config.specs.replaceAll('{stage}', s.key)));
    if (rev.has(file)) specs[s.key] = { file, files: [file] };
  }
  const texts = new Map<string, string | null>();
  let pending = [...new Set(Object.values(specs).map((s) => s.file))];
  const includes = new Map<string, { files: string[]; error?: string }>();
  while (pending.length) {
    for (const [p, t] of await rev.read(pending)) texts.set(p, t);
    const next: string[] = [];
    for (const p of pending) {
      const ds: Diagnostic[] = [];
      const parsed = parseFile(p, texts.get(p) ?? '', { env, vars: {} }, ds);
      const found: string[] = [];
      let error = ds.find((d) => d.severity === 'error')?.message;
      for (const inc of parsed.includes) {
        const pattern = isAbsolute(inc.pattern)
          ? rel(inc.pattern)
          : cleanPath(`${dirname(p)}/${inc.pattern}`);
        const matches = pattern.startsWith('..') ? [] : rev.glob(pattern);
        if (!matches.length) error ??= `gossfile '${inc.pattern}' matches no file`;
        for (const m of matches) {
          found.push(m);
          if (!texts.has(m) && !next.includes(m)) next.push(m);
        }
      }
      includes.set(p, { files: found, ...(error ? { error } : {}) });
    }
    pending = next;
  }
  for (const spec of Object.values(specs)) {
    const seen = new Set<string>([spec.file]);
    const queue = [spec.file];
    while (queue.length) {
      const inc = includes.get(queue.shift() as string);
      if (inc?.error && !spec.error) spec.error = inc.error;
      for (const f of inc?.files ?? [])
        if (!seen.has(f)) {
          seen.add(f);
          queue.push(f);
        }
    }
    spec.files = [...seen];
  }
  return specs;
}
