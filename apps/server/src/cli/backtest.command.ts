import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { lookAheadCheck, runBacktest } from '@marketlens/quant';
import { BadRequestError, HttpError } from '../http/http-errors';
import { readBarsCsv } from '../modules/regimes/regime-upload.service';
import { CliError } from './cli-error';
import { backtestCliOutput, backtestSummary } from './backtest-output';
import { requireReadableFile } from './input-file';
import { readStrategyFile } from './strategy-file';
import { withCliErrors } from './with-cli-errors';
import { exitCodes } from './exit-codes';

interface BacktestCliOptions {
  csv: string;
  strategy: string;
  lookAheadCuts: string;
  json?: boolean;
}

const JSON_HELP = `
--json prints one document (fractions, not percent: 0.05 = 5%; times ISO-8601 UTC, the open time of the bar
in which the fill happened):
  { "bars", "trades": [{ "side", "entryTime", "entryPrice", "exitTime", "exitPrice", "returnPct", "exitReason" }],
    "metrics": { "totalReturn", "cagr", "sharpe", "sortino", "maxDrawdown", "winRate", "profitFactor",
                 "exposure", "trades", "buyAndHoldReturn" },
    "lookAhead": { "cutPoints", "mismatches" }, "engineSeconds" }
exitReason is exit | stop_loss | take_profit | trailing_stop | max_bars | end. Errors with --json:
  { "error": { "code", "message", "exitCode" } }
Rules are evaluated when a bar has closed and orders fill at the next bar's open (docs/signals.md).`;

export function registerBacktestCommand(program: Command): void {
  const command = program
    .command('backtest')
    .description('Backtest a strategy on a CSV of bars, with no database (the engine live signals use).')
    .requiredOption('--csv <file>', 'bars: Yahoo, Stooq, exchange exports (open_time) or date + price')
    .requiredOption('--strategy <file>', 'strategy JSON (docs/signals.md)')
    .option('--look-ahead-cuts <n>', 'cut points of the look-ahead check (0 skips it)', '5')
    .option('--json', 'print the result as JSON (fields below)')
    .addHelpText('after', JSON_HELP)
    .action(withCliErrors(async (opts: BacktestCliOptions) => backtestCommand(opts)));
  exitCodes(command, {
    INVALID_INPUT: 'the strategy file or the CSV is not valid (the message says where)',
    NO_INPUT: 'a file cannot be read',
  });
}

async function backtestCommand(opts: BacktestCliOptions): Promise<void> {
  const cuts = Number(opts.lookAheadCuts);
  if (!Number.isInteger(cuts) || cuts < 0 || cuts > 100) {
    throw new CliError(`--look-ahead-cuts: a whole number from 0 to 100, got ${opts.lookAheadCuts}`, 64);
  }
  const strategy = readStrategyFile(opts.strategy);
  const needs = [
    strategy.gate && `the forecast gate (model ${strategy.gate.model})`,
    strategy.regime && 'the regime filter',
  ];
  if (needs.some(Boolean)) {
    throw new CliError(
      `${opts.strategy}: ${needs.filter(Boolean).join(' and ')} need${needs.filter(Boolean).length > 1 ? '' : 's'} the database; --csv backtests run without one: backtest through the API instead`,
      64,
    );
  }
  requireReadableFile(opts.csv);
  const bars = await readBarsCsv(createReadStream(opts.csv), { limitBytes: Infinity }).catch((err: unknown) => {
    if (err instanceof BadRequestError || err instanceof HttpError)
      throw new CliError(`${opts.csv}: ${err.message}`, 65);
    throw err;
  });
  if (bars.length === 0) throw new CliError(`${opts.csv}: no bars`, 65);

  const started = performance.now();
  const result = runBacktest(strategy, bars, { lookAheadCuts: 0 });
  const engineSeconds = (performance.now() - started) / 1000;
  result.lookAhead = lookAheadCheck(strategy, bars, result.signals, { lookAheadCuts: cuts });

  const out = backtestCliOutput(result, engineSeconds);
  process.stdout.write(opts.json ? `${JSON.stringify(out)}\n` : backtestSummary(out, strategy.name));
}
