import { CommanderError } from 'commander';
import { ConfigError } from '../config/load-config';
import { CliError } from './cli-error';
import { EXIT_CODES } from './exit-codes';

/** The stable code a `--json` error carries for each exit code. */
const CODE_OF_EXIT: Record<number, string> = Object.fromEntries(
  Object.entries(EXIT_CODES).map(([name, code]) => [code, name]),
);

export interface CliFailure {
  exitCode: number;
  code: string;
  message: string;
  /** An error nobody expected: the plain-text path shows its stack for a bug report. */
  unexpected: boolean;
  /** commander has printed the plain-text message already (usage errors). */
  printedByCommander: boolean;
}

/** True when the command line asks for JSON output (before a `--` that ends the options). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * What a thrown error means to the person or script running the CLI. Undefined for commander's own
 * non-errors (`--help`, `--version`), which exit with their code and print nothing more.
 */
export function describeCliFailure(err: unknown): CliFailure | undefined {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return undefined;
    return { ...failure(64, err.message.replace(/^error: /, '')), printedByCommander: true };
  }
  if (err instanceof CliError) return failure(err.exitCode, err.message);
  if (err instanceof ConfigError) return failure(78, err.message);
  const message = err instanceof Error ? err.message : String(err);
  return { ...failure(70, `unexpected error: ${message}`), unexpected: true };
}

function failure(exitCode: number, message: string): CliFailure {
  return { exitCode, code: CODE_OF_EXIT[exitCode] ?? 'FAILED', message, unexpected: false, printedByCommander: false };
}

/** `--json` errors have the API's shape, on stdout where the caller reads the JSON. */
export function cliFailureJson(f: CliFailure): string {
  return `${JSON.stringify({ error: { code: f.code, message: f.message, exitCode: f.exitCode } })}\n`;
}
