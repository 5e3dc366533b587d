import type { Range } from '../core/diagnostics.js';

/** One instruction of a stage, with its 1-based line span. */
export interface InstructionInfo {
  keyword: string;
  line: number;
  endLine: number;
  /** Arguments as written (flags excluded), continuations joined. */
  args: string;
  flags: Record<string, string | null>;
}

/** A reference from one stage to another stage or an external image. */
export interface StageRef {
  via: 'from' | 'copy' | 'mount';
  /** Text as written after variable expansion (`builder`, `0`, `alpine:3`). */
  ref: string;
  /** Key of the referenced stage, or null when it names an external image. */
  stage: string | null;
  image: string | null;
  line: number;
  range: Range;
}

export interface Stage {
  index: number;
  /** Lower-cased `AS` name, or null for an unnamed stage. */
  name: string | null;
  /** How other stages and `--target` refer to it: the name, or the index for an unnamed stage. */
  key: string;
  line: number;
  endLine: number;
  range: Range;
  /** The FROM argument after global ARG substitution. */
  from: string;
  fromRange: Range;
  platform: string | null;
  /** Key of the stage it is built FROM, or null. */
  parent: string | null;
  /** External image it is built FROM (after ARG substitution), or null. */
  baseImage: string | null;
  /** Stage keys it needs directly (parent, COPY --from, RUN --mount from), in first-use order. */
  dependsOn: string[];
  /** External images it needs directly (FROM, COPY --from=image, RUN --mount from=image). */
  images: string[];
  refs: StageRef[];
  instructions: InstructionInfo[];
}

export interface GlobalArg {
  name: string;
  value: string | null;
  line: number;
}

export interface DockerfileModel {
  file: string;
  escape: string;
  syntax: string | null;
  globalArgs: GlobalArg[];
  stages: Stage[];
}

export const stageByKey = (m: DockerfileModel, key: string): Stage | undefined => {
  const k = key.toLowerCase();
  return m.stages.find((s) => s.key === k);
};
