import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SCREEN_FIELDS, SCREEN_METRICS } from '@marketlens/quant';
import { HttpError } from '../http/http-errors';
import { parseListingCsv, type ParsedListing } from '../modules/screener/listing-csv';
import { computeSnapshotRows, fieldValue, toDailySeries, type DailySeries } from '../modules/screener/snapshot-compute';
import { checkSortOrBadRequest, parseFilterOrBadRequest, screenIndices } from '../modules/screener/screens.service';
import { toScreenTable } from '../modules/screener/snapshot-compute';
import { CsvFormatError } from '../providers/csv/csv-format.error';
import { parseBarsCsv } from '../providers/csv/parse-bars-csv';
import type { RawBar } from '../providers/market-data-provider';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';
import { withCliErrors } from './with-cli-errors';
import { exitCodes } from './exit-codes';

interface ScreenerRunOptions {
  universe: string;
  prices: string;
  asOf: string;
  filter: string;
  sort?: string;
  benchmark: string;
  json?: boolean;
}

/** The columns of each row: identity, then every metric of docs/screener.md (nulls where not computable). */
export const CLI_ROW_FIELDS: readonly string[] = [
  'symbol',
  'name',
  'sector',
  'industry',
  'marketCap',
  'price',
  ...SCREEN_METRICS,
  ...SCREEN_FIELDS.filter(
    (f) =>
      !['symbol', 'name', 'sector', 'industry', 'exchange', 'marketCap', 'price'].includes(f.name) &&
      !(SCREEN_METRICS as readonly string[]).includes(f.name),
  ).map((f) => f.name),
];

const TEXT_COLUMNS = ['symbol', 'sector', 'marketCap', 'price', 'ret1m', 'ret3m', 'rs3m', 'rsi14', 'score'];

const HELP = `
Runs a screen on files, without a database:
  --universe FILE   a listing (Nasdaq company list: Symbol, Name, LastSale, MarketCap, IPOyear, Sector, Industry;
                    or nasdaq-listed.csv). The universe is every symbol of FILE with a price file in DIR; no
                    market-cap or price rules are applied here: the filter decides.
  --prices DIR      one CSV of daily bars per symbol, named <SYMBOL>.csv (Yahoo, Stooq/Kaggle, exchange exports
                    or date + price: the layouts \`marketlens import\` reads).
  --as-of DATE      YYYY-MM-DD: metrics use each symbol's bars up to and including this date. A symbol with no bar
                    on or before it is listed with null metrics.
  --filter EXPR     the screen language, e.g. 'marketCap between 3e8 and 2e9 and ret3m > 0.15 and sector in
                    ("Technology", "Health Care")' (default: every symbol).
  --sort FIELD      e.g. -ret3m (descending) or rsi14 (ascending); default: symbol order.
  --benchmark SYM   rs3m = ret3m - the benchmark's ret3m, read from DIR/SYM.csv (default IWM; rs3m is null
                    without that file).

--json prints one document, rows in sort order, metrics as fractions (0.05 = 5%), null where history is short:
  { "asOf", "rows": [{ ${CLI_ROW_FIELDS.map((f) => `"${f}"`).join(', ')} }] }
Errors with --json: { "error": { "code", "message", "exitCode" } }. A price file that cannot be read is reported
on stderr and its symbol listed with null metrics.`;

export function registerScreenerCommand(program: Command): void {
  const screener = program.command('screener').description('Screens over listing and price files');
  const command = screener
    .command('run')
    .description('Screen a listing file with price files as of a date, without a database')
    .requiredOption('--universe <file>', 'listing CSV (the universe: its symbols that have a price file)')
    .requiredOption('--prices <dir>', 'folder of <SYMBOL>.csv daily bars')
    .requiredOption('--as-of <date>', 'YYYY-MM-DD, inclusive')
    .option('--filter <expr>', 'screen filter', '')
    .option('--sort <field>', 'sort field, "-" first for descending (e.g. -ret3m)')
    .option('--benchmark <symbol>', 'benchmark for rs3m (its file in --prices)', 'IWM')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP)
    .action(withCliErrors(async (opts: ScreenerRunOptions) => screenerRun(opts)));
  exitCodes(command, {
    OK: 'success (also when no row passes)',
    USAGE: 'bad option (date, filter or sort: the message gives the position)',
    INVALID_INPUT: 'FILE is not a listing',
    NO_INPUT: 'FILE, DIR or the --benchmark file cannot be read',
  });
}

function checkDate(raw: string): string {
  const ms = Date.parse(`${raw}T00:00:00Z`);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(raw);
  if (!ok) throw new CliError(`--as-of: a date as YYYY-MM-DD, got "${raw}"`, 64);
  return raw;
}

/** Price files by upper-case symbol (file names are matched ignoring case). */
function priceFiles(dir: string): Map<string, string> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`--prices: ${dir} is not a folder`, 66);
    names = readdirSync(dir);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`--prices: cannot read folder ${dir}: ${(err as Error).message}`, 66);
  }
  const files = new Map<string, string>();
  for (const name of names) {
    const m = /^(.+)\.csv$/i.exec(name);
    if (m) files.set(m[1]!.toUpperCase(), join(dir, name));
  }
  return files;
}

async function readSeries(file: string): Promise<DailySeries> {
  const bars: RawBar[] = [];
  for await (const batch of parseBarsCsv(createReadStream(file))) bars.push(...batch);
  return toDailySeries(bars.sort((a, b) => a.ts - b.ts));
}

/** Options checked as typed, so `--json` answers a usage error before any file is read. */
function parseQuery(opts: ScreenerRunOptions) {
  const asOf = checkDate(opts.asOf);
  try {
    return { asOf, filter: parseFilterOrBadRequest(opts.filter), sort: checkSortOrBadRequest(opts.sort) };
  } catch (err) {
    if (err instanceof HttpError)
      throw new CliError(`--${err.code === 'INVALID_SCREEN_SORT' ? 'sort' : 'filter'}: ${err.message}`, 64);
    throw err;
  }
}

async function screenerRun(opts: ScreenerRunOptions): Promise<void> {
  const { asOf, filter, sort } = parseQuery(opts);
  requireReadableFile(opts.universe);
  const files = priceFiles(opts.prices);
  let listing: ParsedListing;
  try {
    listing = await parseListingCsv(createReadStream(opts.universe));
  } catch (err) {
    if (err instanceof CsvFormatError) throw new CliError(`${opts.universe}: ${err.message}`, 65);
    throw err;
  }
  const benchmarkSymbol = opts.benchmark.toUpperCase();
  const benchmarkFile = files.get(benchmarkSymbol);
  if (!benchmarkFile && opts.benchmark !== 'IWM') {
    throw new CliError(`--benchmark: no price file ${benchmarkSymbol}.csv in ${opts.prices}`, 66);
  }
  const members = listing.entries.filter((e) => files.has(e.symbol));
  const bars = new Map<string, DailySeries>();
  for (const member of members) {
    const file = files.get(member.symbol)!;
    try {
      bars.set(member.symbol, await readSeries(file));
    } catch (err) {
      if (!(err instanceof CsvFormatError)) throw err;
      process.stderr.write(`marketlens: ${file}: ${err.message}; ${member.symbol} is listed with null metrics\n`);
    }
  }
  let benchmark: DailySeries | null = null;
  if (benchmarkFile) {
    try {
      benchmark = bars.get(benchmarkSymbol) ?? (await readSeries(benchmarkFile));
    } catch (err) {
      if (err instanceof CsvFormatError) throw new CliError(`benchmark ${benchmarkFile}: ${err.message}`, 65);
      throw err;
    }
  }
  const rows = computeSnapshotRows({
    members,
    bars,
    asOf,
    benchmark,
    onBadBars: (symbol, reason) =>
      process.stderr.write(`marketlens: ${files.get(symbol)}: ${reason}; ${symbol} is listed with null metrics\n`),
  });
  const cached = { snapshotId: 0, rows, table: toScreenTable(rows) };
  const { rows: order } = screenIndices(cached, filter, sort);
  const out = Array.from(order, (i) => Object.fromEntries(CLI_ROW_FIELDS.map((f) => [f, fieldValue(rows[i]!, f)])));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ asOf, rows: out })}\n`);
    return;
  }
  process.stdout.write(`${printTable(out)}${out.length} of ${members.length} symbols pass (as of ${asOf})\n`);
}

const shown = (v: unknown): string =>
  v === null || v === undefined ? '-' : typeof v === 'number' ? Number(v.toPrecision(4)).toString() : String(v);

function printTable(rows: Record<string, unknown>[]): string {
  const cells = [TEXT_COLUMNS, ...rows.map((r) => TEXT_COLUMNS.map((c) => shown(r[c])))];
  const widths = TEXT_COLUMNS.map((_, i) => Math.min(24, Math.max(...cells.map((line) => line[i]!.length))));
  return cells.map((line) => `${line.map((c, i) => c.slice(0, 24).padEnd(widths[i]!)).join('  ')}\n`).join('');
}
