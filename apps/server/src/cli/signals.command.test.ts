import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli';

const BTC_1M = fileURLToPath(
  new URL('../../../../../shared/data/intraday/BTCUSDT_1m_binanceus_2023-03-01_2023-03-21.csv', import.meta.url),
);
const EXAMPLE = {
  name: 'rsi-reversion-trend',
  timeframe: '1m',
  side: 'long',
  entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
  exit: 'rsi(close, 14) > 70',
  fees: { rate: 0.001 },
  slippageBps: 0,
};
const dir = mkdtempSync(join(tmpdir(), 'ml-replay-'));
const strategyFile = join(dir, 'example.json');
writeFileSync(strategyFile, JSON.stringify(EXAMPLE));

describe.skipIf(!existsSync(BTC_1M))('marketlens signals replay (needs ../shared/data)', { timeout: 120_000 }, () => {
  it('prints the signals the backtest trades on, one JSON line each, in order', () => {
    const replay = runCli(join(dir, 'db'), [
      'signals',
      'replay',
      '--csv',
      BTC_1M,
      '--strategy',
      strategyFile,
      '--json',
    ]);
    expect(replay.code, replay.stderr).toBe(0);
    const signals = replay.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { time: string; action: string; rule: string; indicators: object });
    const backtest = runCli(join(dir, 'db'), [
      'backtest',
      '--csv',
      BTC_1M,
      '--strategy',
      strategyFile,
      '--json',
      '--look-ahead-cuts',
      '0',
    ]);
    const trades = (JSON.parse(backtest.stdout) as { trades: Array<{ entryTime: string; exitTime: string }> }).trades;
    expect(signals.length).toBe(2 * trades.length);
    // Each signal fires at its bar's close; the order fills at the next 1-minute bar's open.
    const minute = 60_000;
    trades.forEach((t, i) => {
      expect(Date.parse(signals[2 * i]!.time) + minute).toBe(Date.parse(t.entryTime));
      expect(signals[2 * i]!.action).toBe('enter_long');
      expect(Date.parse(signals[2 * i + 1]!.time) + minute).toBe(Date.parse(t.exitTime));
      expect(signals[2 * i + 1]!.action).toBe('exit_long');
    });
    expect(signals[0]).toMatchObject({ rule: EXAMPLE.entry, indicators: { 'rsi(close, 14)': expect.any(Number) } });
  });
});

describe('marketlens signals replay rejects bad input', { timeout: 120_000 }, () => {
  it('names a bad speed and a missing file', () => {
    expect(
      runCli(join(dir, 'db'), ['signals', 'replay', '--csv', 'x.csv', '--strategy', strategyFile, '--speed', '-2'])
        .stderr,
    ).toMatch(/--speed: a number >= 0, got -2/);
    expect(
      runCli(join(dir, 'db'), ['signals', 'replay', '--csv', join(dir, 'none.csv'), '--strategy', strategyFile]).stderr,
    ).toMatch(/file not found/);
  });
});
