import type { Config } from '../config/config.js';
import type { DockerfileModel } from '../dockerfile/stage.js';

/**
 * The release stage: the stage of the `release` role (`roles.release`, by default the stage named `release`),
 * else the last named stage; null when no stage is named. It is what the generated CI and `slipway publish`
 * publish as the release, with the plain tags (`:v1.2.3`, `:1.2`, `:latest`, `:<sha>`); any other stage
 * published gets them prefixed `STAGE-`.
 */
export function releaseStage(config: Pick<Config, 'roles'>, model: DockerfileModel): string | null {
  const named = model.stages.filter((s) => s.name !== null);
  const role = config.roles.release.toLowerCase();
  return (named.find((s) => s.key === role) ?? named.at(-1))?.key ?? null;
}
