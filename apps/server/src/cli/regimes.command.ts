import { createReadStream, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  covarianceTypeSchema,
  regimeFitOptionsSchema,
  statesSchema,
  symbolSchema,
  timeframeSchema,
  type RegimeFitOptions,
  type Timeframe,
} from '@marketlens/contracts';
import type { HMMPriors } from '@marketlens/quant';
import { loadConfig } from '../config/load-config';
import { HttpError } from '../http/http-errors';
import { getInstrumentInfo, loadBarSeries } from '../modules/instruments/instruments.service';
import { periodsPerYear } from '../modules/regimes/periods-per-year';
import { computeRegimeFit, type RegimeFitComputation } from '../modules/regimes/regime-fit-compute';
import { planRegimeFit } from '../modules/regimes/regime-fit-plan';
import { toHttpError } from '../modules/regimes/regime-errors';
import { readBarsCsv } from '../modules/regimes/regime-upload.service';
import { insertSucceededFit } from '../modules/regimes/regimes.service';
import type { RawBar } from '../providers/market-data-provider';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';
import { withLocalPlatform } from './local-platform';
import { printRegimeSummary, regimeFitJson } from './regimes-output';
import { readRegimeInit, type RegimeInit } from './regime-init-json';
import { withCliErrors } from './with-cli-errors';
import { exitCodes, LOCAL_DATABASE } from './exit-codes';

interface FitCliOptions {
  symbol?: string;
  csv?: string;
  column: string;
  timeframe: string;
  from?: string;
  to?: string;
  states: string;
  features: string;
  cov: string;
  maxIter: string;
  tol: string;
  restarts: string;
  seed: string;
  covarsPrior?: string;
  init?: string;
  standardize: boolean;
  json?: boolean;
  out?: string;
  save: boolean;
  tracked?: boolean;
}

export function registerRegimesCommand(program: Command): void {
  const regimes = program.command('regimes').description('Market regimes (Gaussian HMM).');
  const command = regimes
    .command('fit')
    .description(
      'Fit a Gaussian HMM to stored bars (--symbol) or to a CSV file (--csv, no database needed) and print a summary.',
    )
    .option('--symbol <symbol>', 'instrument whose stored bars are fitted (the fit is saved unless --no-save)')
    .option('--csv <file>', 'fit a CSV file in memory: no database, no data dir')
    .option('--column <name>', 'price column of --csv by header name, e.g. "Adj Close"', 'close')
    .addOption(new Option('--timeframe <tf>', 'bar timeframe').choices(timeframeSchema.options).default('1d'))
    .option('--from <date>', 'first bar (ISO date), inclusive')
    .option('--to <date>', 'end (ISO date), exclusive')
    .option('--states <k>', 'number of regimes (2..8), or "auto" (2..6 by BIC)', '3')
    .option('--features <list>', 'comma-separated features', 'logret,vol20')
    .addOption(new Option('--cov <type>', 'covariance type').choices(covarianceTypeSchema.options).default('diag'))
    .option('--max-iter <n>', 'EM iterations at most', '200')
    .option('--tol <x>', 'stop when the log-likelihood gains less; -inf runs exactly --max-iter iterations', '1e-4')
    .option('--restarts <n>', 'k-means++ starts per K, best log-likelihood kept', '5')
    .option('--seed <n>', 'random seed', '0')
    .option('--covars-prior <x>', "hmmlearn's covars_prior (0 = maximum likelihood, hmmlearn's default 0.01)")
    .option('--init <file>', 'explicit start parameters (hmmlearn init JSON); implies --no-standardize')
    .option('--no-standardize', 'fit raw features (as hmmlearn does) instead of standardising them')
    .option('--tracked', 'with --symbol: keep the saved fit current as bars arrive and refit it on schedule')
    .option(
      '--json',
      'print the fit as JSON (logLikelihood, states, transmat, dates, path, probs; errors as { error: { code, message, exitCode } })',
    )
    .option('--out <file>', 'also write the JSON (with the model) to this file')
    .option('--no-save', 'with --symbol: do not store the fit')
    .action(withCliErrors(async (opts: FitCliOptions) => fitCommand(opts)));
  exitCodes(command, {
    ...LOCAL_DATABASE,
    INVALID_INPUT: 'the series cannot be fitted (too short, malformed CSV or --init file)',
    NO_INPUT: 'the CSV, the --init file or the --symbol cannot be found',
  });
}

async function fitCommand(opts: FitCliOptions): Promise<void> {
  if (!opts.symbol === !opts.csv) throw new CliError('give exactly one of --symbol or --csv', 64);
  const init = opts.init ? readRegimeInit(opts.init) : undefined;
  const options = parseOptions(opts, init);
  const standardize = init ? false : opts.standardize;
  const priors = opts.covarsPrior === undefined ? undefined : parsePriors(opts.covarsPrior);
  const timeframe = opts.timeframe as Timeframe;
  const from = parseDate('--from', opts.from);
  const to = parseDate('--to', opts.to);

  const fit = async (bars: RawBar[], kind?: string): Promise<RegimeFitComputation> => {
    const inRange = opts.csv ? bars.filter((b) => (from ?? -Infinity) <= b.ts && b.ts < (to ?? Infinity)) : bars;
    try {
      const plan = planRegimeFit(inRange, options, { standardize });
      return await computeRegimeFit(plan, {
        settings: options,
        periodsPerYear: periodsPerYear(timeframe, inRange, kind),
        ...(init ? { init: init.params } : {}),
        ...(priors ? { priors } : {}),
      });
    } catch (err) {
      throw asCliError(err);
    }
  };

  let result: RegimeFitComputation;
  let fitId: string | undefined;
  if (opts.csv) {
    const file = opts.csv;
    requireReadableFile(file);
    const bars = await readBarsCsv(createReadStream(file), { column: opts.column, limitBytes: Infinity }).catch(
      (err: unknown) => {
        throw asCliError(err, file);
      },
    );
    result = await fit(bars);
  } else {
    const symbol = symbolSchema.safeParse(opts.symbol);
    if (!symbol.success) throw new CliError(`--symbol: ${symbol.error.issues[0]?.message ?? 'invalid'}`, 64);
    ({ result, fitId } = await withLocalPlatform(loadConfig(), async (ctx) => {
      const instrument = await getInstrumentInfo(ctx, symbol.data).catch((err: unknown) => {
        throw asCliError(err);
      });
      const bars = await loadBarSeries(ctx, instrument.symbol, timeframe, { from, to });
      const computed = await fit(bars, instrument.kind);
      if (!opts.save) return { result: computed, fitId: undefined };
      const source = { symbol: instrument.symbol, timeframe, instrument, bars, from, to };
      const saved = await insertSucceededFit(ctx, source, options, computed);
      return { result: computed, fitId: saved.id };
    }));
  }

  const json = regimeFitJson(result, fitId);
  if (opts.out) writeFileSync(opts.out, `${JSON.stringify({ ...json, model: result.model }, null, 2)}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(json)}\n`);
  else printRegimeSummary(result, { fitId, out: opts.out });
}

function parseOptions(opts: FitCliOptions, init?: RegimeInit): RegimeFitOptions {
  const features = opts.features.split(',').map((f) => f.trim());
  if (init?.features && init.features.join(',') !== features.join(',') && opts.features !== 'logret,vol20') {
    throw new CliError(`--features ${features.join(',')} differ from the --init file's ${init.features.join(',')}`, 64);
  }
  const states = opts.states === 'auto' ? 'auto' : Number(opts.states);
  const parsed = regimeFitOptionsSchema.safeParse({
    features: init?.features && opts.features === 'logret,vol20' ? init.features : features,
    states: init ? init.params.nStates : statesSchema.parse(states === 'auto' ? 'auto' : states),
    covarianceType: init ? init.params.covarianceType : opts.cov,
    restarts: Number(opts.restarts),
    seed: Number(opts.seed),
    maxIter: Number(opts.maxIter),
    tol: 0, // checked below: the API schema (JSON) has no -Infinity, the CLI allows it
    tracked: opts.tracked === true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--${String(issue?.path[0] ?? 'options')}: ${issue?.message ?? 'invalid'}`, 64);
  }
  return { ...parsed.data, tol: parseTol(opts.tol) };
}

function parseTol(value: string): number {
  if (/^-inf(inity)?$/i.test(value)) return Number.NEGATIVE_INFINITY;
  const tol = Number(value);
  if (!Number.isFinite(tol)) throw new CliError(`--tol: expected a number or -inf, got ${value}`, 64);
  return tol;
}

function parsePriors(value: string): HMMPriors {
  const covarsPrior = Number(value);
  if (!(covarsPrior >= 0)) throw new CliError(`--covars-prior: expected a number >= 0, got ${value}`, 64);
  return { startprobPrior: 1, transmatPrior: 1, covarsPrior, covarsWeight: 1 };
}

function parseDate(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ts = Date.parse(value);
  if (Number.isNaN(ts)) throw new CliError(`${flag}: not a date: ${value}`, 64);
  return ts;
}

/** Data and engine errors as one line with exit code 65 (bad input data), like `import`. */
function asCliError(err: unknown, file?: string): unknown {
  const mapped = toHttpError(err);
  if (mapped instanceof HttpError) {
    const where = file ? `${file}: ` : '';
    return new CliError(`${where}${mapped.message}`, mapped.statusCode === 404 ? 66 : 65);
  }
  return err;
}
