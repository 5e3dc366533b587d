/** Runtime configuration, read from environment variables and validated up front. */
export interface Config {
  /** TCP port to listen on (0 picks a free port). */
  readonly port: number;
  /** Interface to bind. */
  readonly host: string;
  /** SQLite database file (":memory:" for a throwaway in-memory database). */
  readonly databasePath: string;
  /** How long a shutdown waits for in-flight requests before closing their connections. */
  readonly shutdownTimeoutMs: number;
}

export const DEFAULT_CONFIG: Config = Object.freeze({
  port: 3000,
  host: '0.0.0.0',
  databasePath: '/data/notes.db',
  shutdownTimeoutMs: 10_000,
});

/** The largest delay a Node.js timer accepts (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/** Thrown by {@link loadConfig}; `problems` lists every invalid variable, one message each. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Builds the configuration from `env`. A variable that is unset or empty takes its default;
 * any other invalid value makes it throw a {@link ConfigError} naming every bad variable.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return value;
  };

  const text = (name: string, fallback: string): string => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw.trim() !== raw) {
      problems.push(
        `${name} must not have leading or trailing whitespace, got ${JSON.stringify(raw)}`,
      );
      return fallback;
    }
    return raw;
  };

  const config: Config = {
    port: integer('PORT', DEFAULT_CONFIG.port, 0, 65_535),
    host: text('HOST', DEFAULT_CONFIG.host),
    databasePath: text('DATABASE_PATH', DEFAULT_CONFIG.databasePath),
    shutdownTimeoutMs: integer(
      'SHUTDOWN_TIMEOUT_MS',
      DEFAULT_CONFIG.shutdownTimeoutMs,
      0,
      MAX_TIMER_MS,
    ),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
