import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { symbolSchema, type UniverseImportResult } from '@marketlens/contracts';
import { loadConfig } from '../config/load-config';
import { HttpError } from '../http/http-errors';
import { importUniverse } from '../modules/screener/universes.service';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';
import { withLocalPlatform } from './local-platform';
import { withCliErrors } from './with-cli-errors';
import { exitCodes, LOCAL_DATABASE } from './exit-codes';

interface UniverseImportOptions {
  name?: string;
  minMarketCap?: string;
  maxMarketCap?: string;
  minPrice?: string;
  includeEtfs?: boolean;
  benchmark?: string;
  json?: boolean;
}

const HELP = `
FILE is a listing: Nasdaq's company list (Symbol, Name, LastSale, MarketCap, IPOyear, Sector, Industry; market caps
as numbers or like "$1.2B", "n/a" for unknown) or nasdaq-listed.csv (its ETF column is used). Every row is kept,
members and the rows the rules leave out, each with the rule that did. Importing under an existing name replaces
that universe's listing (its snapshots stay). Then take a snapshot: job screener.snapshot or
POST /api/v1/screener/universes/:id/snapshots.

--json prints { "universe": { "id", "name", "listed", "members", "rejected", "rules", ... }, "layout", "rows",
"problems": [{ "line", "reason" }] }; errors: { "error": { "code", "message", "exitCode" } }.`;

function amount(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new CliError(`${flag}: a non-negative number, got "${raw}"`, 64);
  return value;
}

export function registerUniverseCommand(program: Command): void {
  const universe = program.command('universe').description('Screener universes built from listing files');
  const command = universe
    .command('import')
    .description('Build (or rebuild, by name) a universe from a listing file and rules; needs the database')
    .argument('<file>', 'listing CSV')
    .option('--name <name>', "universe name (default: the file's name without extension)")
    .option('--min-market-cap <usd>', 'smallest market cap admitted (default 3e8)')
    .option('--max-market-cap <usd>', 'largest market cap admitted (default 2e9)')
    .option('--min-price <usd>', 'lowest last sale price admitted (default 1)')
    .option('--include-etfs', 'admit ETFs (excluded by default)')
    .option('--benchmark <symbol>', 'relative-strength benchmark (default IWM when it has bars)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP)
    .action(withCliErrors(async (file: string, opts: UniverseImportOptions) => universeImport(file, opts)));
  exitCodes(command, {
    ...LOCAL_DATABASE,
    INVALID_INPUT: 'FILE is not a listing file',
    NO_INPUT: 'FILE cannot be read',
  });
}

async function universeImport(file: string, opts: UniverseImportOptions): Promise<void> {
  requireReadableFile(file);
  const rules = {
    minMarketCap: amount('--min-market-cap', opts.minMarketCap),
    maxMarketCap: amount('--max-market-cap', opts.maxMarketCap),
    minPrice: amount('--min-price', opts.minPrice),
    ...(opts.includeEtfs ? { excludeEtfs: false } : {}),
  };
  if (opts.benchmark !== undefined && !symbolSchema.safeParse(opts.benchmark).success) {
    throw new CliError(`--benchmark: "${opts.benchmark}" is not a symbol`, 64);
  }
  let result: UniverseImportResult;
  try {
    result = await withLocalPlatform(loadConfig(), (ctx) =>
      importUniverse(ctx, {
        input: createReadStream(file),
        filename: file,
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.benchmark ? { benchmark: opts.benchmark } : {}),
        rules,
      }),
    );
  } catch (err) {
    if (err instanceof HttpError && err.statusCode === 400) {
      throw new CliError(err.message, err.code === 'INVALID_UNIVERSE_RULES' ? 64 : 65);
    }
    throw err;
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const u = result.universe;
  process.stdout.write(
    `universe "${u.name}" (${u.id}): ${u.members} members of ${u.listed} listed (${u.rejected} left out by the rules), ${result.layout} layout\n`,
  );
  for (const p of result.problems.slice(0, 10)) process.stdout.write(`  line ${p.line}: ${p.reason}\n`);
  if (result.problems.length > 10) process.stdout.write(`  ... and ${result.problems.length - 10} more problems\n`);
}
