import { Option, type Command } from 'commander';
import { loadConfig } from '../config/load-config';
import { createLogger } from '../observability/logger';
import { ROLES, startServer, type ServerRole } from '../server';
import { exitCodes, LOCAL_DATABASE } from './exit-codes';
import { withCliErrors } from './with-cli-errors';

export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description('Run the platform: API + web, job worker and scheduler (embedded mode runs all three)')
    .addOption(
      new Option('--role <role>', 'which part of the platform this process runs').choices(ROLES).default('all'),
    )
    .option('--port <port>', 'HTTP port (overrides PORT and config)')
    .action(
      // withCliErrors: a second server on the same embedded data folder ends with 75, not an unexpected error.
      withCliErrors(async (opts: { role: ServerRole; port?: string }) => {
        const config = loadConfig({ overrides: opts.port ? { server: { port: opts.port } } : undefined });
        const log = createLogger(config.log.level);
        const server = await startServer(config, opts.role, log);
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          log.info({ signal }, 'shutting down');
          server.close().then(
            () => process.exit(0),
            (err: unknown) => {
              log.error({ err }, 'shutdown failed');
              process.exit(1);
            },
          );
        };
        process.on('SIGINT', () => stop('SIGINT'));
        process.on('SIGTERM', () => stop('SIGTERM'));
      }),
    );
  exitCodes(command, LOCAL_DATABASE);
}
