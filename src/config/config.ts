import type { Range } from '../core/diagnostics.js';

/** What `slipway.yaml` declares, after defaults. Paths are absolute. */
export interface SmokeRequest {
  kind: 'request';
  method: string;
  path: string;
  body?: unknown;
  expectStatus: number;
  /** Each key: a value at this JSON field of the response must equal it. */
  expectJson?: Record<string, unknown>;
  /** name -> JSON field of the response body; later paths may use `{name}`. */
  capture?: Record<string, string>;
}

export interface SmokeRestart {
  kind: 'restart';
}

export type SmokeStep = SmokeRequest | SmokeRestart;

export interface SmokeConfig {
  stage: string;
  port: number;
  /** A named volume (created per run, removed after) mounted here, so a restart keeps the data. */
  volume?: string;
  env: Record<string, string>;
  /** Seconds to wait for the container to become healthy / answer. */
  timeout: number;
  steps: SmokeStep[];
}

/** How `slipway test` runs a stage's image for its live checks, when its own CMD will not serve. */
export interface TestRun {
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  /** The user the container runs as (`docker run --user`). */
  user?: string;
  privileged?: boolean;
  /** Capabilities added (`SYS_ADMIN`, `NET_ADMIN`...). */
  capAdd?: string[];
  /** tmpfs mounts: `PATH` or `PATH:OPTIONS` (`/run:size=64m`). */
  tmpfs?: string[];
  /** Bind mounts `SOURCE:TARGET[:ro|rw]`, the source absolute. */
  volumes?: string[];
  /** Extra /etc/hosts entries `NAME:IP`. */
  addHost?: string[];
  /** An existing network by name, or one slipway creates (with companions) and removes afterwards. */
  network?: string | TestNetwork;
  /**
   * Run it as a systemd system: /sbin/init (unless an entrypoint is given), tmpfs /run and /run/lock, the
   * cgroup hierarchy it needs, SIGRTMIN+3 to stop; the checks wait until `systemctl is-system-running` settles.
   */
  systemd?: boolean;
  /**
   * Seconds to re-run failing checks until they pass (goss --retry-timeout; default 0): a service that takes a
   * moment to listen after its container starts.
   */
  retryTimeout?: number;
  /** Seconds between those re-runs (goss --sleep; default 1). */
  sleep?: number;
}

/** A network slipway creates for a test run (labelled, removed afterwards), with containers beside the target. */
export interface TestNetwork {
  /** The network's name (default: one made for the run). */
  name?: string;
  /** A pinned subnet (`172.19.0.0/16`); default: the engine picks. */
  subnet?: string;
  /** No route out of the network (docker network create --internal). */
  internal: boolean;
  companions: Companion[];
}

/** A container started on the test network before the target, reachable there by its name. */
export interface Companion {
  name: string;
  image: string;
  cmd?: string[];
  env: Record<string, string>;
}

export type Role = 'base' | 'build' | 'dev' | 'project' | 'ci' | 'release';
export const ROLES: readonly Role[] = ['base', 'build', 'dev', 'project', 'ci', 'release'];

/** How the generated CI (`slipway ci github|circleci`) runs; see docs/ci.md. */
export interface CiConfig {
  /** Registry repository for the stage images (`ghcr.io/acme/shop`); null: `ghcr.io/<owner>/<repo>` of the CI's repository, lowercased. */
  registry: string | null;
  /** The branch that publishes (with version tags) and whose moving tags every branch uses as cache. */
  defaultBranch: string;
  /** A shell command each job runs before slipway (installs, compiles, starts an engine), or null. */
  setup: string | null;
  /** How each job runs slipway; null: `npx --yes --package=slipway@<this version> slipway`. */
  command: string | null;
  /** Cron of the weekly rebuild of every stage (GitHub `schedule`; on CircleCI a scheduled pipeline). */
  schedule: string;
  github: { runner: string; node: string };
  circleci: { machine: string; resourceClass: string; context: string | null };
}

export interface DevPort {
  /** Published on 127.0.0.1 at this port of the host. */
  host: number;
  container: number;
  protocol: 'tcp' | 'udp';
}

/** How `slipway dev` runs the dev stage's container (docs/config.md#dev). Host paths are absolute. */
export interface DevConfig {
  /** The host directory bind-mounted at the working directory (default: the repository root). */
  workspace: string;
  /** Where it is mounted in the container; null: the dev stage's WORKDIR (else /workspace). */
  workdir: string | null;
  /**
   * The dependency directory (relative to the working directory, or absolute) kept in a named volume seeded
   * from the image; null: `node_modules` when the workspace has a package.json; false: none.
   */
  dependencies: string | false | null;
  /** The file whose change makes `up --rebuild` re-seed the dependency volume; null: found in the workspace. */
  lockfile: string | null;
  /** More named volumes (container paths), kept with the container and writable by the host user. */
  volumes: string[];
  /** Ports published on 127.0.0.1; null: the stage's EXPOSE. */
  ports: DevPort[] | null;
  env: Record<string, string>;
  /** An env file read as `docker run --env-file` reads it; `env` wins over it. */
  envFile: string | null;
  /** The long-lived command (exec form); null: the image's own (then with a TTY, so a shell CMD stays up). */
  command: string[] | null;
  /** What `slipway dev shell` starts; null: bash when the image has it, else sh. */
  shell: string[] | null;
  /** The container's name; null: slipway-dev-<image>-<hash of the checkout's path>. */
  name: string | null;
}

/** Growth allowed since the previous recorded run: a share of the previous size, or bytes. */
export type Growth = { percent: number } | { bytes: number };

/** `budgets.<stage>`: sizes as the engine reports an image (uncompressed), as written and in bytes. */
export interface StageBudget {
  stage: string;
  maxSize: { bytes: number; text: string } | null;
  maxGrowth: (Growth & { text: string }) | null;
  /** Where the stage's key is in the config file. */
  range: Range;
}

export interface Config {
  /** Directory holding the config (or the --cwd when there is none). */
  root: string;
  /** The config file, or null when slipway runs on defaults. */
  file: string | null;
  dockerfile: string;
  context: string;
  image: string;
  buildArgs: Record<string, string>;
  /** Spec path pattern with `{stage}`, relative to root. */
  specs: string;
  roles: Record<Role, string>;
  /** Extra CA bundle handed to builds as a secret (null: discover from the environment). */
  ca: string | null;
  smoke: SmokeConfig | null;
  /** Per stage: the entrypoint, command and environment its container tests run it with. */
  test: Record<string, TestRun>;
  ci: CiConfig;
  dev: DevConfig;
  /** Size budgets per stage; the pipeline fails when one is exceeded. */
  budgets: StageBudget[];
  /**
   * Where the config names stages (each role given under `roles:`, `smoke.stage`, each `test.<stage>` key), so
   * that one that is not a stage of the Dockerfile is reported at its place once the Dockerfile is read.
   */
  stageRefs: { setting: string; stage: string; range: Range }[];
}

export const CONFIG_FILE = 'slipway.yaml';
