import type { Rule } from '../rule.js';
import { aptLists, aptRecommends } from './apt-hygiene.js';
import { copyFromTypo } from './copy-from-typo.js';
import { historyInContext } from './history-in-context.js';
import { missingSpec } from './missing-spec.js';
import { releaseBuildTooling } from './release-build-tooling.js';
import { releaseCopySource } from './release-copy-source.js';
import { releaseRootUser } from './release-root-user.js';
import { remoteAddChecksum } from './remote-add-checksum.js';
import { secretNames } from './secret-names.js';
import { unpinnedBase } from './unpinned-base.js';
import { unusedStage } from './unused-stage.js';

/** Every lint rule: one file each, one line here. */
export const RULES: readonly Rule[] = [
  releaseBuildTooling,
  releaseCopySource,
  unusedStage,
  copyFromTypo,
  unpinnedBase,
  releaseRootUser,
  secretNames,
  remoteAddChecksum,
  aptRecommends,
  aptLists,
  missingSpec,
  historyInContext,
];
