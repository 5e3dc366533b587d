/** The one table of exit codes. */
export const EXIT = {
  ok: 0,
  /** Something slipway checked failed: a build step, a smoke step, a lint error, a failing spec. */
  failed: 1,
  /** Bad input: arguments, config, Dockerfile. */
  usage: 2,
  /** The machine lacks something: engine, BuildKit client, a base image it cannot make. */
  environment: 3,
  /** A bug in slipway. */
  internal: 70,
  interrupted: 130,
} as const;
