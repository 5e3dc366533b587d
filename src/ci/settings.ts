import { relative } from 'node:path';
import type { CiConfig, Config } from '../config/config.js';
import type { DockerfileModel } from '../dockerfile/stage.js';

/** Everything a CI generator reads besides the stage model: the `ci:` settings, resolved. */
export interface CiSettings {
  ci: CiConfig;
  /** How a job runs slipway: `ci.command`, else `npx --yes --package=slipway@<version> slipway`. */
  command: string;
  /** The Dockerfile and the config, relative to the repository root (named in the generated header). */
  dockerfile: string;
  configFile: string | null;
  /** The stage `slipway publish` ships: the release role's stage, else the last named stage; null: none. */
  publish: string | null;
}

/** Resolves the settings from the loaded config; `version` is slipway's own (for the default command). */
export function ciSettings(config: Config, model: DockerfileModel, version: string): CiSettings {
  const named = model.stages.filter((s) => s.name !== null);
  const release = named.find((s) => s.key === config.roles.release.toLowerCase());
  const rel = (p: string) => relative(config.root, p).split('\\').join('/') || p;
  return {
    ci: config.ci,
    command: config.ci.command ?? `npx --yes --package=slipway@${version} slipway`,
    dockerfile: rel(config.dockerfile),
    configFile: config.file ? rel(config.file) : null,
    publish: (release ?? named.at(-1))?.key ?? null,
  };
}
