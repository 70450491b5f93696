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
import { exitCodes, LOCAL_DATABASE } from './exit-codes';
import { importOutcome, type ImportOutcome } from './import-outcome';
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
  allowRejected?: boolean;
  server?: string;
  apiKey?: string;
}

export function registerImportCommand(program: Command): void {
  const command = program
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
    .option('--allow-rejected', 'exit 0 when some rows were rejected but the others were stored')
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
        const outcome = importOutcome(summary, opts.allowRejected === true);
        printSummary(summary, outcome, opts.json === true);
        // The summary is the answer either way; the exit code says whether the import was whole.
        process.exitCode = outcome.exitCode;
      }),
    );
  exitCodes(command, {
    ...LOCAL_DATABASE,
    FAILED: 'the server (--server) refused the upload for another reason (the message gives its answer)',
    INVALID_INPUT:
      'FILE is not a bar CSV; or a row was rejected (unless --allow-rejected); or no row was imported at all (empty, or every row rejected), even with --allow-rejected. The summary is still printed: with --json it carries "exitCode" and "error": { "code": "ROWS_REJECTED" | "NOTHING_IMPORTED" }',
    NO_INPUT: 'FILE cannot be read',
    UNAVAILABLE: 'the --server cannot be reached',
  });
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

/** With --json, one document: the summary, plus `exitCode` and an `error` when the import was not whole. */
function printSummary(summary: ImportSummary, outcome: ImportOutcome, json: boolean): void {
  const { problem, exitCode } = outcome;
  if (json) {
    const document = problem ? { ...summary, exitCode, error: { ...problem, exitCode } } : summary;
    process.stdout.write(`${JSON.stringify(document)}\n`);
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
  if (problem) process.stderr.write(`marketlens: ${problem.message}\n`);
}
