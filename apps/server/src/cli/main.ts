import { Command, CommanderError } from 'commander';
import { VERSION } from '../version';
import { ConfigError } from '../config/load-config';
import { registerServeCommand } from './serve.command';
import { registerMigrateCommand } from './migrate.command';
import { registerImportCommand } from './import.command';
import { registerUsersCommand } from './users.command';
import { registerApiKeysCommand } from './apikeys.command';
import { registerDemoDataCommand } from './demo-data.command';
import { registerRegimesCommand } from './regimes.command';
import { registerForecastsCommand } from './forecasts.command';
import { CliError } from './cli-error';

const program = new Command('marketlens')
  .description('MarketLens: self-hosted market analytics. Every command has --help.')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();

registerServeCommand(program);
registerMigrateCommand(program);
registerImportCommand(program);
registerUsersCommand(program);
registerApiKeysCommand(program);
registerDemoDataCommand(program);
registerRegimesCommand(program);
registerForecastsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof CliError || err instanceof ConfigError) {
    process.stderr.write(`marketlens: ${err.message}\n`);
    process.exit(err instanceof CliError ? err.exitCode : 78);
  }
  throw err;
}
