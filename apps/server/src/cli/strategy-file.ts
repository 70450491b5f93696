import { readFileSync } from 'node:fs';
import type { StrategyDefinition } from '@marketlens/contracts';
import { InvalidStrategyError } from '../modules/signals/invalid-strategy.error';
import { parseStrategyDocument } from '../modules/signals/strategy-document';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';

/** Reads and validates a strategy JSON file; every problem is one line naming the file, the field and the column. */
export function readStrategyFile(file: string): StrategyDefinition {
  requireReadableFile(file);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`${file}: not valid JSON: ${(err as Error).message}`, 65);
  }
  try {
    return parseStrategyDocument(doc);
  } catch (err) {
    if (!(err instanceof InvalidStrategyError)) throw err;
    const lines = err.problems.map((p) => `${file}: ${p.path}: ${p.message}`);
    throw new CliError(lines.join('\n'), 65);
  }
}
