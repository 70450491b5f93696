import { Command } from 'commander';
import { VERSION } from '../version';
import { registerServeCommand } from './serve.command';
import { registerMigrateCommand } from './migrate.command';
import { registerImportCommand } from './import.command';
import { registerUsersCommand } from './users.command';
import { registerApiKeysCommand } from './apikeys.command';
import { registerDemoDataCommand } from './demo-data.command';
import { registerRegimesCommand } from './regimes.command';
import { registerForecastsCommand } from './forecasts.command';
import { registerBacktestCommand } from './backtest.command';
import { registerSignalsCommand } from './signals.command';
import { registerUniverseCommand } from './universe.command';
import { registerScreenerCommand } from './screener.command';
import { registerSentimentCommand } from './sentiment.command';
import { registerMemeCommand } from './meme.command';
import { cliFailureJson, describeCliFailure, wantsJson } from './cli-failure';

const program = new Command('marketlens')
  .description('MarketLens: self-hosted market analytics. Every command has --help.')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();
// With --json, stdout carries one JSON document on every path: commander's own error text and the help it
// prints after an error are replaced by the JSON error below. Set before the commands, which inherit it.
// A reader that stops early (`| head`) is not an error: stop writing quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const json = wantsJson(process.argv);
if (json) program.configureOutput({ writeErr: () => undefined, outputError: () => undefined });

registerServeCommand(program);
registerMigrateCommand(program);
registerImportCommand(program);
registerUsersCommand(program);
registerApiKeysCommand(program);
registerDemoDataCommand(program);
registerRegimesCommand(program);
registerForecastsCommand(program);
registerBacktestCommand(program);
registerSignalsCommand(program);
registerUniverseCommand(program);
registerScreenerCommand(program);
registerSentimentCommand(program);
registerMemeCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const failure = describeCliFailure(err);
  if (failure === undefined) process.exit((err as { exitCode?: number }).exitCode ?? 0);
  if (json) process.stdout.write(cliFailureJson(failure));
  else if (failure.unexpected) throw err;
  else if (!failure.printedByCommander) process.stderr.write(`marketlens: ${failure.message}\n`);
  process.exit(failure.exitCode);
}
