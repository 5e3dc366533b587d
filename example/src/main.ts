/**
 * Entry point: load config, open the database, serve HTTP, and shut down gracefully on
 * SIGTERM/SIGINT. Logs are JSON lines: requests and lifecycle on stdout, fatal errors on stderr.
 */
import { createApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { NotesStore } from './db.js';
import { createJsonLogger } from './log.js';
import { type RunningServer, startServer } from './server.js';

const logger = createJsonLogger(process.stdout);
const fatalLogger = createJsonLogger(process.stderr);

function fail(msg: string, fields: Record<string, unknown>): never {
  fatalLogger.error(msg, fields);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(error.message, { problems: error.problems });
}

let store: NotesStore;
try {
  store = new NotesStore(config.databasePath);
} catch (error) {
  fail('cannot open database', { databasePath: config.databasePath, error });
}

let running: RunningServer;
try {
  running = await startServer(createApp({ store, logger }), {
    port: config.port,
    host: config.host,
  });
} catch (error) {
  store.close();
  fail('cannot listen', { host: config.host, port: config.port, error });
}

logger.info('listening', {
  host: running.host,
  port: running.port,
  databasePath: config.databasePath,
  pid: process.pid,
});

let shuttingDown = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) {
    logger.warn('second signal: closing all connections now', { signal });
    running.closeAllConnections();
    return;
  }
  shuttingDown = true;
  // stop() closes the listening socket synchronously, so this line means "no new connections".
  const stopped = running.stop(config.shutdownTimeoutMs);
  logger.info('shutting down', { signal, timeoutMs: config.shutdownTimeoutMs });

  const { forced } = await stopped;
  if (forced) {
    logger.warn('shutdown timeout reached: closed connections with requests in flight', {
      timeoutMs: config.shutdownTimeoutMs,
    });
  }
  // Let the last request log lines and socket close events run before closing the database.
  await new Promise((resolve) => setImmediate(resolve));
  store.close();
  logger.info('stopped', { forced });
  process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    shutdown(signal).catch((error: unknown) => {
      fatalLogger.error('shutdown failed', { error });
      process.exit(1);
    });
  });
}
