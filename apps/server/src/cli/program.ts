import { Command } from 'commander';
import { VERSION } from '../version';
import { documentExitCodes } from './exit-codes';

type Registrar = (program: Command) => void;

/**
 * Each command's module, loaded on demand: a module pulls in the services its command runs (the platform, the
 * HTTP app, the quant models), and loading all of them took about 2.4 CPU-seconds before any command started.
 * The order is the order of the root help.
 */
const COMMANDS: Record<string, () => Promise<Registrar>> = {
  serve: async () => (await import('./serve.command')).registerServeCommand,
  migrate: async () => (await import('./migrate.command')).registerMigrateCommand,
  import: async () => (await import('./import.command')).registerImportCommand,
  users: async () => (await import('./users.command')).registerUsersCommand,
  apikeys: async () => (await import('./apikeys.command')).registerApiKeysCommand,
  'demo-data': async () => (await import('./demo-data.command')).registerDemoDataCommand,
  regimes: async () => (await import('./regimes.command')).registerRegimesCommand,
  forecasts: async () => (await import('./forecasts.command')).registerForecastsCommand,
  backtest: async () => (await import('./backtest.command')).registerBacktestCommand,
  signals: async () => (await import('./signals.command')).registerSignalsCommand,
  universe: async () => (await import('./universe.command')).registerUniverseCommand,
  screener: async () => (await import('./screener.command')).registerScreenerCommand,
  sentiment: async () => (await import('./sentiment.command')).registerSentimentCommand,
  meme: async () => (await import('./meme.command')).registerMemeCommand,
};

/** The command an argument list runs: its first word that is not an option (undefined for none). */
function commandWord(args: readonly string[]): string | undefined {
  return args.find((arg) => !arg.startsWith('-'));
}

/**
 * The `marketlens` program, each help ending with its exit codes. `args` (the arguments after the script)
 * selects what is loaded: only the named command, none for `--version`, or every command for the root help,
 * `help` and a word that names no command (whose error suggests the closest). `json` silences commander's own error text, so
 * that with --json stdout carries one JSON document on every path (main.ts prints the error).
 */
export async function createProgram({ json, args }: { json: boolean; args?: readonly string[] }): Promise<Command> {
  const program = new Command('marketlens')
    .description('MarketLens: self-hosted market analytics. Every command has --help.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  // Set before the commands, which inherit it.
  if (json) program.configureOutput({ writeErr: () => undefined, outputError: () => undefined });

  const word = args === undefined ? undefined : commandWord(args);
  // `--version` with no command prints the version and exits before any command could run.
  const versionOnly = word === undefined && args !== undefined && args.some((a) => a === '--version' || a === '-V');
  const loaders = versionOnly
    ? []
    : word !== undefined && Object.hasOwn(COMMANDS, word)
      ? [COMMANDS[word]!]
      : Object.values(COMMANDS);
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program);
  documentExitCodes(program);
  return program;
}
