import type { Command } from 'commander';
import { isEmbedded, loadConfig } from '../config/load-config';
import { openDatabase } from '../db/open-database';
import { migrateDatabase } from '../db/migrate';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { withCliErrors } from './with-cli-errors';
import { exitCodes, LOCAL_DATABASE } from './exit-codes';

export function registerMigrateCommand(program: Command): void {
  const command = program
    .command('migrate')
    .description('Apply database migrations (PostgreSQL when DATABASE_URL is set, else the embedded PGlite folder)')
    .option('--json', 'print a machine-readable summary (errors too: { error: { code, message, exitCode } })')
    .action(
      withCliErrors(async (opts: { json?: boolean }) => {
        const config = loadConfig();
        const releaseLock = isEmbedded(config) ? acquireDataDirLock(config.database.dataDir) : undefined;
        const db = await openDatabase({ url: config.database.url || undefined, dataDir: config.database.dataDir });
        try {
          await migrateDatabase(db);
        } finally {
          await db.close();
          releaseLock?.();
        }
        const summary = { database: db.kind, migrated: true };
        process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : `Migrations applied (${db.kind}).\n`);
      }),
    );
  exitCodes(command, LOCAL_DATABASE);
}
