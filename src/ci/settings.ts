import { relative } from 'node:path';
import type { CiConfig, Config } from '../config/config.js';
import type { DockerfileModel } from '../dockerfile/stage.js';
import { releaseStage } from './release.js';

/** Everything a CI generator reads besides the stage model: the `ci:` settings, resolved. */
export interface CiSettings {
  ci: CiConfig;
  /** How a job runs slipway: `ci.command`, else `npx --yes --package=slipway@<version> slipway`. */
  command: string;
  /** The Dockerfile and the config, relative to the repository root (named in the generated header). */
  dockerfile: string;
  configFile: string | null;
  /** The stage the publish job ships: the release stage ({@link releaseStage}); null: no named stage. */
  publish: string | null;
}

/** Resolves the settings from the loaded config; `version` is slipway's own (for the default command). */
export function ciSettings(config: Config, model: DockerfileModel, version: string): CiSettings {
  const rel = (p: string) => relative(config.root, p).split('\\').join('/') || p;
  return {
    ci: config.ci,
    command: config.ci.command ?? `npx --yes --package=slipway@${version} slipway`,
    dockerfile: rel(config.dockerfile),
    configFile: config.file ? rel(config.file) : null,
    publish: releaseStage(config, model),
  };
}
