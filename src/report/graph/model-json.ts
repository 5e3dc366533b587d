import type { DockerfileModel, Stage } from '../../dockerfile/stage.js';
import type { ReportStatus } from '../run/status.js';

/** The last recorded outcome of each stage (`slipway graph --status`). */
export interface StatusOverlay {
  /** The run (or runs, for stages a later run did not touch) the outcomes come from. */
  runs: string[];
  stages: Map<string, { status: ReportStatus; sizeBytes: number | null; run: string }>;
}

/** What every graph format draws: the model, optionally cut down to what a target needs. */
export interface GraphView {
  model: DockerfileModel;
  /** Stage keys to show, in build order when a target is given, else file order. */
  stages: string[];
  target: string | null;
  /** Number of context files each stage reads, when the context was read. */
  inputFiles: Map<string, number> | null;
  /** The last recorded outcome per stage, when asked for (`--status`). */
  status?: StatusOverlay | null;
}

export const viewStages = (v: GraphView): Stage[] =>
  v.stages.map((k) => v.model.stages.find((s) => s.key === k)).filter((s): s is Stage => s !== undefined);

/** The stable JSON form of the model (documented in docs/graph-json.md). */
export function graphJson(v: GraphView): string {
  const stages = viewStages(v).map((s) => ({
    name: s.key,
    named: s.name !== null,
    index: s.index,
    line: s.line,
    endLine: s.endLine,
    parent: s.parent,
    baseImage: s.baseImage,
    platform: s.platform,
    dependsOn: s.dependsOn,
    copiesFrom: [
      ...new Set(s.refs.filter((r) => r.via !== 'from' && r.stage !== null).map((r) => r.stage as string)),
    ],
    images: s.images,
    inputs: s.inputs,
    ...(v.inputFiles ? { inputFiles: v.inputFiles.get(s.key) ?? 0 } : {}),
    ...(v.status ? { status: v.status.stages.get(s.key) ?? null } : {}),
    deps: s.deps,
    ...s.facts,
  }));
  const images = [...new Set(viewStages(v).flatMap((s) => s.images))];
  return JSON.stringify(
    {
      file: v.model.file,
      dockerignore: v.model.dockerignore?.file ?? null,
      globalArgs: v.model.globalArgs,
      target: v.target,
      buildOrder: v.stages,
      ...(v.status ? { statusRuns: v.status.runs } : {}),
      images,
      stages,
    },
    null,
    2,
  );
}
