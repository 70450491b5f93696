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
import { documentExitCodes } from './exit-codes';

/**
 * Every command of `marketlens`, each help ending with its exit codes. `json` silences commander's own error
 * text, so that with --json stdout carries one JSON document on every path (main.ts prints the error).
 */
export function createProgram({ json }: { json: boolean }): Command {
  const program = new Command('marketlens')
    .description('MarketLens: self-hosted market analytics. Every command has --help.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  // Set before the commands, which inherit it.
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
  documentExitCodes(program);
  return program;
}
