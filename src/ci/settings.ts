import { relative } from 'node:path';
import type { CiConfig, Config } from '../config/config.js';
import type { DockerfileModel } from '../dockerfile/stage.js';
import { type Invocation, projectArgs } from './invocation.js';
import { releaseStage } from './release.js';

/** Everything a CI generator reads besides the stage model: the `ci:` settings, resolved. */
export interface CiSettings {
  ci: CiConfig;
  /** How a job runs slipway: `ci.command`, else `npx --yes --package=slipway@<version> slipway`. */
  command: string;
  /**
   * The project options every slipway command of a job carries (`-c`, `--cwd`, `-f`, `--build-arg`; unquoted),
   * so that the jobs, run at the checkout's root, see the project `slipway ci` saw. None for the defaults.
   */
  args: string[];
  /** Relative to the checkout: the directory the commands' `.slipway/` paths are in ('' for the root). */
  workdir: string;
  /** The Dockerfile and the config, relative to the checkout (named in the generated header). */
  dockerfile: string;
  configFile: string | null;
  /** The stage the publish job ships: the release stage ({@link releaseStage}); null: no named stage. */
  publish: string | null;
}

/**
 * Resolves the settings from the loaded config; `version` is slipway's own (for the default command). Without
 * an invocation, the project is at the checkout's root, with nothing given on the command line.
 */
export function ciSettings(
  config: Config,
  model: DockerfileModel,
  version: string,
  invocation: Invocation = { checkout: config.root, dockerfile: null, buildArgs: {} },
): CiSettings {
  const rel = (p: string) => relative(invocation.checkout, p).split('\\').join('/') || p;
  return {
    ci: config.ci,
    command: config.ci.command ?? `npx --yes --package=slipway@${version} slipway`,
    ...projectArgs(config, invocation),
    dockerfile: rel(config.dockerfile),
    configFile: config.file ? rel(config.file) : null,
    publish: releaseStage(config, model),
  };
}

/** A path of the contract (`.slipway/…`, relative to where the commands run) as seen from the checkout's root. */
export const inCheckout = (s: Pick<CiSettings, 'workdir'>, path: string): string =>
  s.workdir ? `${s.workdir}/${path}` : path;
