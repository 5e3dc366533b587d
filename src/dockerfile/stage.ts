import type { Range } from '../core/diagnostics.js';

/** One instruction of a stage, with its 1-based line span. */
export interface InstructionInfo {
  keyword: string;
  line: number;
  endLine: number;
  /** Arguments as written (flags excluded), continuations joined; heredoc bodies follow on their lines. */
  args: string;
  /**
   * The arguments as a list: the JSON array for exec form, else blank-separated words. For COPY and ADD
   * they are what BuildKit uses: quotes removed and variables expanded (heredoc markers as written).
   */
  argv: string[];
  /** Exec (JSON) form. */
  json: boolean;
  /** `--name=value` flags, quotes removed; repeated flags (RUN --mount) keep every value in `allFlags`. */
  flags: Record<string, string | null>;
  allFlags: [string, string | null][];
  /** ENV, LABEL, ARG: name/value pairs as BuildKit expands them (null for an `ARG NAME` with no value). */
  properties: [string, string | null][];
  /** The ONBUILD trigger's instruction, for ONBUILD. */
  trigger: string | null;
}

/** Something a stage reads from outside the Dockerfile. */
export interface StageInput {
  kind: 'context' | 'remote' | 'git';
  /** As written in the instruction. */
  source: string;
  /** For `context`: a glob relative to the context root (`src/**`, `package*.json`); else the URL. */
  pattern: string;
  via: 'COPY' | 'ADD' | 'RUN --mount';
  line: number;
}

/** What a stage installs or brings in, derived from its instructions. */
export interface DepsSummary {
  /** System packages (apt-get/apt/apk/dnf/yum/microdnf install). */
  packages: string[];
  /** Global tools (npm i -g, pip install, pipx, gem install, go install, cargo install). */
  tools: string[];
  /** Copied from other stages or images: `ci:/artefact/`. */
  artefacts: string[];
}

export interface StageFacts {
  env: Record<string, string>;
  args: string[];
  user: string | null;
  workdir: string | null;
  expose: string[];
  entrypoint: string | null;
  cmd: string | null;
  healthcheck: string | null;
  labels: Record<string, string>;
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
  inputs: StageInput[];
  deps: DepsSummary;
  facts: StageFacts;
}

export interface GlobalArg {
  name: string;
  value: string | null;
  line: number;
}

export interface DockerfileModel {
  file: string;
  /** Which ignore file applies to the context (`<Dockerfile>.dockerignore` wins, as in BuildKit), if known. */
  dockerignore: { file: string; patterns: string[] } | null;
  escape: string;
  syntax: string | null;
  globalArgs: GlobalArg[];
  stages: Stage[];
}

export const stageByKey = (m: DockerfileModel, key: string): Stage | undefined => {
  const k = key.toLowerCase();
  return m.stages.find((s) => s.key === k);
};
