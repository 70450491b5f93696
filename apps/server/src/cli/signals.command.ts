import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { Timeframe } from '@marketlens/contracts';
import { StrategyRunner, timeframeMs, type StrategySignal } from '@marketlens/quant';
import { BadRequestError } from '../http/http-errors';
import { readBarsCsv } from '../modules/regimes/regime-upload.service';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';
import { readStrategyFile } from './strategy-file';
import { withCliErrors } from './with-cli-errors';
import { exitCodes } from './exit-codes';

interface ReplayCliOptions {
  csv: string;
  strategy: string;
  speed: string;
  json?: boolean;
}

const REPLAY_HELP = `
Bars are fed one at a time into the engine live deployments use; each signal is printed as it fires, at the
close of its bar. --speed N replays N bars' worth of time per second of wall time relative to the strategy's
timeframe (60 = a 1m series at one bar a second); 0 = as fast as possible. With --json, one JSON object per
line: { "time", "action", "price", "reason", "rule", "indicators" } (time: ISO-8601 UTC open time of the
signal's bar; the order would fill at the next bar's open).`;

export function registerSignalsCommand(program: Command): void {
  const signals = program.command('signals').description('Live signals: replay a CSV through the signal engine.');
  const command = signals
    .command('replay')
    .description('Replay a CSV of bars through a strategy and print its signals as they fire (no database).')
    .requiredOption('--csv <file>', 'bars: Yahoo, Stooq, exchange exports (open_time) or date + price')
    .requiredOption('--strategy <file>', 'strategy JSON (docs/signals.md)')
    .option('--speed <n>', 'bars of strategy time per second; 0 = as fast as possible', '0')
    .option('--json', 'one JSON object per signal per line')
    .addHelpText('after', REPLAY_HELP)
    .action(withCliErrors(async (opts: ReplayCliOptions) => replayCommand(opts)));
  exitCodes(command, {
    INVALID_INPUT: 'the strategy file or the CSV is not valid (the message says where)',
    NO_INPUT: 'a file cannot be read',
  });
}

async function replayCommand(opts: ReplayCliOptions): Promise<void> {
  const speed = Number(opts.speed);
  if (!Number.isFinite(speed) || speed < 0) throw new CliError(`--speed: a number >= 0, got ${opts.speed}`, 64);
  const strategy = readStrategyFile(opts.strategy);
  if (strategy.gate || strategy.regime) {
    throw new CliError(`${opts.strategy}: gates and regime filters need the database; replay through the server`, 64);
  }
  requireReadableFile(opts.csv);
  const bars = await readBarsCsv(createReadStream(opts.csv), { limitBytes: Infinity }).catch((err: unknown) => {
    if (err instanceof BadRequestError) throw new CliError(`${opts.csv}: ${err.message}`, 65);
    throw err;
  });
  const runner = new StrategyRunner(strategy);
  const pauseMs = speed === 0 ? 0 : timeframeMs(strategy.timeframe as Timeframe) / speed;
  let count = 0;
  for (const bar of bars) {
    const ev = runner.step(bar);
    if (ev.signal) {
      count += 1;
      process.stdout.write(formatSignal(ev.signal, bar.close, opts.json === true));
    }
    if (pauseMs > 0) await sleep(pauseMs);
  }
  if (!opts.json) process.stderr.write(`${bars.length} bars replayed, ${count} signals\n`);
}

function formatSignal(s: StrategySignal, price: number, json: boolean): string {
  const time = new Date(s.ts).toISOString();
  if (json) {
    return `${JSON.stringify({ time, action: s.action, price, reason: s.reason, rule: s.rule, indicators: s.indicators })}\n`;
  }
  const values = Object.entries(s.indicators)
    .map(([k, v]) => `${k}=${v === null ? 'n/a' : v.toPrecision(6)}`)
    .join(' ');
  return `${time}  ${s.action.padEnd(11)} ${price.toPrecision(8).padStart(12)}  ${s.rule ?? s.reason}  ${values}\n`;
}
