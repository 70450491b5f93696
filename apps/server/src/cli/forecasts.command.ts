import { createReadStream } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  trainForecastRequestSchema,
  timeframeSchema,
  type ForecastBaseline,
  type ForecastMetricsDto,
  type ForecastModel,
  type Timeframe,
  type TrainForecastRequest,
} from '@marketlens/contracts';
import { loadConfig } from '../config/load-config';
import { HttpError } from '../http/http-errors';
import { toForecastHttpError } from '../modules/forecasts/forecast-input-errors';
import { computeForecastTraining, metricsDto } from '../modules/forecasts/forecast-training-compute';
import { trainStored } from '../modules/forecasts/forecast-training.service';
import { periodsPerYear } from '../modules/regimes/periods-per-year';
import { readBarsCsv } from '../modules/regimes/regime-upload.service';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';
import { withLocalPlatform } from './local-platform';
import { withCliErrors } from './with-cli-errors';
import { exitCodes, LOCAL_DATABASE } from './exit-codes';

/** `naive` is the last-return model: the zero-return forecast is already the baseline every model is shown beside. */
const CLI_MODELS: Record<string, ForecastModel> = {
  naive: 'last',
  zero: 'zero',
  last: 'last',
  'moving-average': 'moving-average',
  ridge: 'ridge',
  logistic: 'logistic',
  gbdt: 'gbdt',
  ar: 'ar',
};

interface TrainCliOptions {
  csv?: string;
  column: string;
  symbol?: string;
  timeframe: string;
  model: string;
  horizon: string;
  interval: string;
  window: string;
  json?: boolean;
}

/** What the CLI prints: the walk-forward evaluation of the model beside its baseline. */
export interface TrainCliOutput {
  model: ForecastModel;
  horizon: number;
  folds: number;
  rows: number;
  metrics: ForecastMetricsDto;
  baseline: { name: ForecastBaseline; metrics: ForecastMetricsDto };
  runId?: string;
  modelVersion?: number;
}

export function registerForecastsCommand(program: Command): void {
  const forecasts = program.command('forecasts').description('Price / return forecasting models.');
  const command = forecasts
    .command('train')
    .description(
      'Walk-forward evaluation of a model next to its baseline, on a CSV file (--csv: no server, no database) ' +
        'or on stored bars (--symbol: the run and a model version are registered).',
    )
    .option('--csv <file>', 'train on a CSV file in memory')
    .option('--column <name>', 'price column of --csv by header name, e.g. "Adj Close"', 'close')
    .option('--symbol <symbol>', 'train on stored bars of this instrument and register the result')
    .addOption(new Option('--timeframe <tf>', 'bar timeframe').choices(timeframeSchema.options).default('1d'))
    .addOption(
      new Option('--model <name>', 'model (naive = last return)').choices(Object.keys(CLI_MODELS)).default('ridge'),
    )
    .option('--horizon <n>', 'bars ahead (1..30)', '1')
    .option('--interval <p>', 'prediction interval coverage (0.5..0.99)', '0.9')
    .addOption(new Option('--window <w>', 'walk-forward window').choices(['expanding', 'rolling']).default('expanding'))
    .option('--json', 'print the result as JSON (errors too: { error: { code, message, exitCode } })')
    .action(withCliErrors(async (opts: TrainCliOptions) => trainCommand(opts)));
  exitCodes(command, {
    ...LOCAL_DATABASE,
    INVALID_INPUT: 'the series cannot be trained on (too short, malformed CSV)',
    NO_INPUT: 'the CSV or the --symbol cannot be found',
  });
}

async function trainCommand(opts: TrainCliOptions): Promise<void> {
  if (!opts.symbol === !opts.csv) throw new CliError('give exactly one of --symbol or --csv', 64);
  const parsed = trainForecastRequestSchema.safeParse({
    symbol: opts.symbol ?? 'CSV',
    timeframe: opts.timeframe,
    model: CLI_MODELS[opts.model],
    horizon: Number(opts.horizon),
    interval: Number(opts.interval),
    window: opts.window,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--${String(issue?.path[0] ?? 'options')}: ${issue?.message ?? 'invalid'}`, 64);
  }
  const request = parsed.data;
  const output = opts.csv ? await trainCsv(opts.csv, opts.column, request) : await trainSymbol(request);
  if (opts.json) process.stdout.write(`${JSON.stringify(output)}\n`);
  else printSummary(output);
}

async function trainCsv(file: string, column: string, request: TrainForecastRequest): Promise<TrainCliOutput> {
  requireReadableFile(file);
  try {
    const bars = await readBarsCsv(createReadStream(file), { column, limitBytes: Infinity });
    const computed = computeForecastTraining(bars, 'CSV', {
      ...request,
      timeframe: request.timeframe as Timeframe,
      periodsPerYear: periodsPerYear(request.timeframe, bars),
    });
    return {
      model: request.model,
      horizon: request.horizon,
      folds: computed.model.folds.length,
      rows: computed.plan.rows,
      metrics: metricsDto(computed.model.metrics),
      baseline: { name: computed.baselineName, metrics: metricsDto(computed.baseline.metrics) },
    };
  } catch (err) {
    throw asCliError(err, file);
  }
}

async function trainSymbol(request: TrainForecastRequest): Promise<TrainCliOutput> {
  return withLocalPlatform(loadConfig(), async (ctx) => {
    const result = await trainStored(ctx, request, { mode: 'inline' }).catch((err: unknown) => {
      throw asCliError(err);
    });
    return {
      model: result.model,
      horizon: result.horizon,
      folds: result.folds.length,
      rows: result.rows,
      metrics: result.metrics,
      baseline: result.baseline,
      runId: result.runId,
      modelVersion: result.modelVersion,
    };
  });
}

function printSummary(out: TrainCliOutput): void {
  const row = (name: string, m: ForecastMetricsDto) =>
    `${name.padEnd(16)} ${fmt(m.rmse)} ${fmt(m.mae)} ${fmt(m.directionalAccuracy)} ${fmt(m.intervalCoverage)} ${fmt(m.sharpe)}`;
  const lines = [
    `walk-forward: ${out.folds} folds, ${out.rows} rows, horizon ${out.horizon}`,
    `${'model'.padEnd(16)} ${['rmse', 'mae', 'dir.acc', 'coverage', 'sharpe'].map((h) => h.padStart(10)).join(' ')}`,
    row(out.model, out.metrics),
    row(`${out.baseline.name} (baseline)`, out.baseline.metrics),
  ];
  if (out.runId) lines.push(`registered: run ${out.runId}, version ${out.modelVersion}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const fmt = (v: number | null) => (v === null ? 'n/a' : v.toPrecision(4)).padStart(10);

/** Data and model errors as one line with exit code 65 (bad input data); unknown symbol 66. */
function asCliError(err: unknown, file?: string): unknown {
  const mapped = toForecastHttpError(err);
  if (mapped instanceof HttpError) {
    const where = file ? `${file}: ` : '';
    return new CliError(`${where}${mapped.message}`, mapped.statusCode === 404 ? 66 : 65);
  }
  return err;
}
