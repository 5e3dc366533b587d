/**
 * `dev/`: the developer's own loop in the dev stage — the long-lived dev container of a checkout (up,
 * status, down, its logs and the commands run in it), and the files that point other tools at the same
 * stage (`.devcontainer/devcontainer.json`, the npm helper scripts).
 */
import { type DevFingerprinter, planFingerprint } from './fingerprint.js';

export { DEV_HOME, devCreateOptions, devLabels } from './container.js';
export { type DownResult, devDown } from './down.js';
export { devEnvironment, parseEnvFile } from './env-file.js';
export { DEFAULT_SHELL, type ExecRequest, execArgs } from './exec.js';
export { findDevContainer, type Holder, ownContainer } from './find.js';
export { type DevImage, devImage, imageDefaults } from './image.js';
export { streamLogs } from './logs.js';
export * from './naming.js';
export { checkPorts, portInUse } from './ports.js';
export {
  type DevSettings,
  type DevVolume,
  devStage,
  exposedPorts,
  type HostUser,
  hostUser,
  inheritedDefaults,
  resolveDev,
} from './settings.js';
export { type DevStatus, devStatus } from './status.js';
export { devUp, type Staleness, type UpDeps, type UpOptions, type UpResult } from './up.js';
export type { DevFingerprinter };

/** The dev stage's fingerprint as `dev up` and `status` compute it: plan/'s, as every stage image carries. */
export const devFingerprint: DevFingerprinter = planFingerprint;
