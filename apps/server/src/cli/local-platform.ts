import type { AppConfig } from '../config/config.schema';
import { isEmbedded } from '../config/load-config';
import type { AppContext } from '../context';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { pino } from 'pino';
import { createLogger } from '../observability/logger';
import { closePlatform, createPlatform } from '../platform';

/**
 * Opens the platform inside a CLI command. In embedded mode the PGlite folder is locked first, so a command
 * never opens a database a running server holds (it gets DataDirLockedError instead, with what to do).
 */
export async function withLocalPlatform<T>(config: AppConfig, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const release = isEmbedded(config) ? acquireDataDirLock(config.database.dataDir) : undefined;
  try {
    const ctx = await createPlatform(config, {
      // Logs go to stderr: a command's stdout is its result (one JSON document with --json).
      log: createLogger(config.log.level === 'info' ? 'warn' : config.log.level, pino.destination(2)),
    });
    try {
      return await work(ctx);
    } finally {
      await closePlatform(ctx);
    }
  } finally {
    release?.();
  }
}
