import type Docker from 'dockerode';
import { type CheckReport, type CheckResult, checkImage } from '../check/check-image.js';
import type { HelperProvider } from '../check/helper-image.js';
import type { Spec } from '../gossfile/index.js';
import type { StageRecord } from '../history/record.js';
import { specFingerprint } from '../plan/fingerprint.js';
import type { Project } from '../project/project.js';
import { stageTag } from '../stages/build-stages.js';
import { testRecord } from './records.js';

/** What a stage's test is checked against: its spec, and how the test runs the image. */
export const stageSpecFingerprint = (p: Project, stage: string, spec: Spec): string =>
  specFingerprint({ files: spec.rendered, vars: {}, run: p.config.test[stage] ?? null });

/**
 * Tests the stage's image — by default `<image>:<stage>`; the pipeline gives the image ID it built or adopted,
 * so a tag moved meanwhile (another checkout with the same image name) cannot be what passed — against its
 * spec (with the stage's `test:` run settings); the record's test part.
 */
export async function testStage(
  deps: { docker: Docker; helper: HelperProvider; session: string },
  p: Project,
  stage: string,
  spec: Spec,
  describe?: (r: CheckResult) => string,
  image: string = stageTag(p, stage),
): Promise<{ report: CheckReport; record: StageRecord['test'] }> {
  const report = await checkImage(deps.docker, deps.helper, image, stage, spec, {
    session: deps.session,
    ...(p.config.test[stage] ? { run: p.config.test[stage] } : {}),
  });
  return { report, record: testRecord(report, stageSpecFingerprint(p, stage, spec), describe) };
}
