import { createReadStream, openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { importQuerySchema, importSummarySchema, symbolSchema, type ImportSummary } from '@marketlens/contracts';
import { isEmbedded, loadConfig } from '../config/load-config';
import { DataDirLockedError } from '../db/data-dir-locked.error';
import { CsvFormatError } from '../providers/csv/csv-format.error';
import { importBarsCsv } from '../modules/instruments/import.service';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';
import { createProgressBar } from './progress-bar';
import { withLocalPlatform } from './local-platform';
import { withCliErrors } from './with-cli-errors';

interface ImportOptions {
  symbol: string;
  timeframe: string;
  timezone: string;
  name?: string;
  kind?: string;
  json?: boolean;
  server?: string;
  apiKey?: string;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import a CSV of bars (Yahoo, Stooq, exchange exports or date + price). Re-importing changes nothing.')
    .argument('<file>', 'CSV file')
    .requiredOption('--symbol <symbol>', 'instrument symbol, e.g. SPX')
    .addOption(
      new Option('--timeframe <tf>', 'bar timeframe')
        .choices(importQuerySchema.shape.timeframe.unwrap().options)
        .default('1d'),
    )
    .option('--timezone <zone>', 'IANA zone for timestamps without an offset', 'UTC')
    .option('--name <name>', 'instrument name (new instruments)')
    .addOption(
      new Option('--kind <kind>', 'instrument kind (new instruments)').choices([
        'equity',
        'index',
        'crypto',
        'token',
        'etf',
        'fx',
        'other',
      ]),
    )
    .option('--json', 'print a machine-readable summary (errors too: { error: { code, message, exitCode } })')
    .option(
      '--server <url>',
      'import through a running server instead of opening the database (env MARKETLENS_SERVER_URL)',
    )
    .option('--api-key <key>', 'API key (analyst or admin) for --server (env MARKETLENS_API_KEY)')
    .action(
      withCliErrors(async (file: string, opts: ImportOptions) => {
        const size = requireReadableFile(file);
        const symbol = symbolSchema.safeParse(opts.symbol);
        if (!symbol.success) throw new CliError(`--symbol: ${symbol.error.issues[0]?.message ?? 'invalid'}`, 64);
        const server = opts.server ?? process.env.MARKETLENS_SERVER_URL;
        const apiKey = opts.apiKey ?? process.env.MARKETLENS_API_KEY;
        const summary = server
          ? await importThroughServer(file, symbol.data, opts, server, apiKey)
          : await importLocally(file, size, symbol.data, opts, apiKey);
        printSummary(summary, opts.json === true);
      }),
    );
}

async function importLocally(
  file: string,
  size: number,
  symbol: string,
  opts: ImportOptions,
  apiKey?: string,
): Promise<ImportSummary> {
  const config = loadConfig();
  const bar = createProgressBar(size, `Importing ${basename(file)}`);
  try {
    return await withLocalPlatform(config, (ctx) =>
      importBarsCsv(ctx, {
        symbol,
        timeframe: opts.timeframe as ImportSummary['timeframe'],
        timezone: opts.timezone,
        name: opts.name,
        kind: opts.kind as never,
        input: createReadStream(file),
        filename: basename(file),
        onProgress: (n) => bar.update(n),
      }),
    );
  } catch (err) {
    if (err instanceof CsvFormatError) throw new CliError(`${file}: ${err.message}`, 65);
    // The running server owns the embedded database: with a key, go through it instead of failing.
    if (err instanceof DataDirLockedError && apiKey && isEmbedded(config) && err.port) {
      return importThroughServer(file, symbol, opts, `http://127.0.0.1:${err.port}`, apiKey);
    }
    throw err;
  } finally {
    bar.finish();
  }
}

async function importThroughServer(
  file: string,
  symbol: string,
  opts: ImportOptions,
  server: string,
  apiKey?: string,
): Promise<ImportSummary> {
  if (!apiKey) throw new CliError('--server needs --api-key (or MARKETLENS_API_KEY) of an analyst or admin', 64);
  const form = new FormData();
  form.set('file', await openAsBlob(file), basename(file));
  const query = new URLSearchParams({ timeframe: opts.timeframe, timezone: opts.timezone });
  if (opts.name) query.set('name', opts.name);
  if (opts.kind) query.set('kind', opts.kind);
  const url = new URL(`/api/v1/instruments/${encodeURIComponent(symbol)}/import?${query}`, server);
  if (!opts.json) process.stderr.write(`Uploading ${basename(file)} to ${url.origin} ...\n`);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, headers: { 'x-api-key': apiKey } });
  } catch (err) {
    throw new CliError(`cannot reach ${url.origin}: ${(err as Error).message}`, 69);
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok) {
    throw new CliError(
      `server answered ${response.status}: ${body?.error?.message ?? response.statusText}`,
      response.status === 400 ? 65 : 1,
    );
  }
  return importSummarySchema.parse(body);
}

function printSummary(summary: ImportSummary, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const lines = [
    `${summary.symbol} ${summary.timeframe} (${summary.layout} layout)`,
    `  rows read   ${summary.rows}`,
    `  inserted    ${summary.inserted}`,
    `  updated     ${summary.updated}`,
    `  unchanged   ${summary.unchanged}`,
    `  rejected    ${summary.rejectedTotal}`,
    ...summary.rejected.slice(0, 20).map((r) => `    line ${r.line}: ${r.reason}`),
  ];
  if (summary.rejectedTotal > 20)
    lines.push(`    ... and ${summary.rejectedTotal - 20} more (use --json for the listed ones)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
