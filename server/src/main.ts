import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './app.ts';
import { ConfigError, readConfig } from './config.ts';
import { createLogger } from './platform/logging/logger.ts';
import { SearchKeyRefused } from './platform/search/meili-search.ts';
import { StoreLogDamagedError } from './platform/store/log-reader.ts';

// Both src/main.ts (tsx) and dist/main.js (bundle) sit one level below server/.
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A start that fails (bad configuration, port taken) says so in one plain line on stderr, for the
// person at the terminal; once the service runs, everything goes through the structured log.
try {
  const config = readConfig(process.env, { clientDist: path.join(serverDir, '..', 'client', 'dist') });
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'closing');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error }, 'closing failed');
        logger.flush(() => process.exit(1));
      },
    );
  };
  // A stray rejection is a bug to log and fix, not a reason to drop every live connection.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof StoreLogDamagedError || error instanceof SearchKeyRefused) {
    console.error(error.message);
    process.exit(1);
  }
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(`Cannot listen: ${error.message}. Set PORT to a free port.`);
    process.exit(1);
  }
  throw error;
}
