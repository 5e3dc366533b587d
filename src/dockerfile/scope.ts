import { type Env, expand } from './expand.js';
import type { Located } from './located.js';
import { platformArgs } from './platform.js';
import type { Stage } from './stage.js';

/** A word BuildKit cannot process; `global`: it fails every target, else only builds of the current stage. */
export type ExpansionProblem = (at: Located, global: boolean, message: string) => void;

type Vars = Map<string, string | null>;

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The variables a word is expanded with, as BuildKit's Dockerfile frontend keeps them
 * (`dockerfile2llb/convert.go`):
 * - global scope: the platform ARGs (a build arg overrides them), then each ARG before the first FROM;
 * - a stage: empty, or the environment of the stage it is built FROM at that stage's end (ENV and ARG
 *   values), plus BuildKit's default PATH on scratch. Global ARGs enter only through `ARG NAME`.
 * A stage built on an image inherits that image's environment, which is not known here: names the
 * Dockerfile does not set stay as written in such a stage instead of expanding to nothing.
 */
export class Scopes {
  readonly globals: Vars;
  private vars: Vars = new Map();
  private known = true;
  private readonly atEnd = new Map<Stage, { vars: Vars; known: boolean }>();
  private stage: Stage | null = null;

  constructor(
    private readonly buildArgs: Readonly<Record<string, string>>,
    platform: string | undefined,
    private readonly esc: string,
    private readonly problem: ExpansionProblem,
  ) {
    this.globals = new Map(platformArgs(platform));
    for (const k of this.globals.keys())
      if (Object.hasOwn(buildArgs, k)) this.globals.set(k, buildArgs[k] as string);
  }

  /** Starts `stage`, built FROM the earlier stage `parent`, or else the image `from`. */
  enter(stage: Stage, parent: Stage | undefined, from: string): void {
    if (this.stage) this.atEnd.set(this.stage, { vars: this.vars, known: this.known });
    this.stage = stage;
    const base = parent ? this.atEnd.get(parent) : undefined;
    this.known = base ? base.known : from === 'scratch';
    const path = !base && this.known && this.globals.get('TARGETOS') !== 'windows';
    this.vars = new Map(base ? base.vars : path ? [['PATH', DEFAULT_PATH]] : []);
  }

  /** A word of the global scope (global ARG, FROM, FROM --platform); null when BuildKit fails. */
  global(w: Located, what: string): string | null {
    return this.run(w.text, w, this.globals, what, true);
  }

  /** A word inside the current stage; `at` locates it when it is not itself located (JSON form). */
  local(w: Located | string, what: string, at?: Located): string | null {
    const text = typeof w === 'string' ? w : w.text;
    return this.run(text, typeof w === 'string' ? (at as Located) : w, this.vars, what, false);
  }

  /** A meta ARG: a build arg wins, else the default expanded with the globals so far. */
  globalArg(name: string, value: Located | null): string | null {
    const v = Object.hasOwn(this.buildArgs, name)
      ? (this.buildArgs[name] as string)
      : value && (this.global(value, `ARG ${name}`) ?? value.text);
    if (v !== null) this.globals.set(name, v);
    else if (!this.globals.has(name)) this.globals.set(name, null);
    return v;
  }

  /** A stage ARG: a build arg wins; a bare `ARG NAME` takes the global value; else the default, expanded. */
  stageArg(name: string, value: Located | null): string | null {
    const v = Object.hasOwn(this.buildArgs, name)
      ? (this.buildArgs[name] as string)
      : value === null
        ? (this.globals.get(name) ?? null)
        : (this.local(value, `ARG ${name}`) ?? value.text);
    if (v !== null) this.vars.set(name, v);
    return v;
  }

  setEnv(name: string, value: string): void {
    this.vars.set(name, value);
  }

  private run(text: string, at: Located, env: Env, what: string, global: boolean): string | null {
    const r = expand(text, env, this.esc, !global && !this.known);
    if (r.error === null) return r.value;
    this.problem(
      at,
      global,
      global
        ? `${what}: ${r.error}`
        : `${what}: ${r.error} (BuildKit fails when it builds stage '${this.stage?.key}')`,
    );
    return null;
  }
}
