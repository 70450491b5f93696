import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli';

const BTC_1M = fileURLToPath(
  new URL('../../../../../shared/data/intraday/BTCUSDT_1m_binanceus_2023-03-01_2023-03-21.csv', import.meta.url),
);
/** The example strategy of issue 9, verbatim. */
const EXAMPLE = `{ "name": "rsi-reversion-trend", "timeframe": "1m", "side": "long",
  "entry": "rsi(close, 14) < 30 and close > ema(close, 200)",
  "exit": "rsi(close, 14) > 70",
  "fees": { "rate": 0.001 }, "slippageBps": 0 }`;

const dir = mkdtempSync(join(tmpdir(), 'ml-backtest-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const backtest = (...args: string[]) => runCli(join(dir, 'db'), ['backtest', ...args]);
const SMALL_CSV = file('small.csv', 'Date,Open,High,Low,Close,Volume\n2024-01-01,1,1,1,1,1\n2024-01-02,2,2,2,2,1\n');

describe.skipIf(!existsSync(BTC_1M))(
  'marketlens backtest on real BTC 1-minute bars (needs ../shared/data)',
  { timeout: 120_000 },
  () => {
    it('prints the contract document for the example strategy', () => {
      const result = backtest('--csv', BTC_1M, '--strategy', file('example.json', EXAMPLE), '--json');
      expect(result.code, result.stderr).toBe(0);
      const out = JSON.parse(result.stdout) as Record<string, unknown> & {
        trades: Array<Record<string, unknown>>;
        metrics: Record<string, unknown>;
      };
      expect(Object.keys(out)).toEqual(['bars', 'trades', 'metrics', 'lookAhead', 'engineSeconds']);
      expect(out.bars).toBe(30_240);
      expect(Object.keys(out.metrics)).toEqual([
        'totalReturn',
        'cagr',
        'sharpe',
        'sortino',
        'maxDrawdown',
        'winRate',
        'profitFactor',
        'exposure',
        'trades',
        'buyAndHoldReturn',
      ]);
      expect(out.trades.length).toBe(out.metrics.trades);
      expect(out.trades[0]).toEqual({
        side: 'long',
        entryTime: expect.stringMatching(/^2023-03-\d\dT\d\d:\d\d:00\.000Z$/),
        entryPrice: expect.any(Number),
        exitTime: expect.stringMatching(/^2023-03-\d\dT\d\d:\d\d:00\.000Z$/),
        exitPrice: expect.any(Number),
        returnPct: expect.any(Number),
        exitReason: 'exit',
      });
      const t = out.trades[0] as { entryPrice: number; exitPrice: number; returnPct: number };
      expect(t.returnPct).toBeCloseTo((t.exitPrice * 0.999) / (t.entryPrice * 1.001) - 1, 12);
      expect(out.lookAhead).toEqual({ cutPoints: 5, mismatches: 0 });
      expect(out.engineSeconds).toBeGreaterThan(0);
    });
  },
);

describe('marketlens backtest rejects what it cannot run, saying where', { timeout: 120_000 }, () => {
  it('names the rule and column of an unknown indicator, and every bad field', () => {
    const bad = file(
      'bad.json',
      JSON.stringify({ name: 'x', timeframe: '1m', entry: 'rsx(close, 14) < 30', exit: 'close >', stopLosPct: 1 }),
    );
    const result = backtest('--csv', SMALL_CSV, '--strategy', bad);
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/bad\.json: \(document\): Unrecognized key: "stopLosPct"/);
    const fixed = file(
      'bad2.json',
      JSON.stringify({ name: 'x', timeframe: '1m', entry: 'rsx(close, 14) < 30', exit: 'close >' }),
    );
    const second = backtest('--csv', SMALL_CSV, '--strategy', fixed, '--json');
    expect(second.code).toBe(65);
    const error = (JSON.parse(second.stdout) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/bad2\.json: entry: column 1: unknown indicator 'rsx'/);
    expect(error.message).toMatch(/bad2\.json: exit: column 8: expected a number, a series/);
  });

  it('refuses invalid JSON, a missing file, a gate without a database and a bad cut count', () => {
    expect(backtest('--csv', SMALL_CSV, '--strategy', file('broken.json', '{ "name": ')).stderr).toMatch(
      /broken\.json: not valid JSON/,
    );
    expect(backtest('--csv', join(dir, 'none.csv'), '--strategy', file('ok.json', EXAMPLE)).stderr).toMatch(
      /file not found: .*none\.csv/,
    );
    const gated = file(
      'gated.json',
      JSON.stringify({ ...JSON.parse(EXAMPLE), gate: { model: 'btc-1d', minPredictedReturn: 0.001 } }),
    );
    const gate = backtest('--csv', SMALL_CSV, '--strategy', gated);
    expect(gate.code).toBe(64);
    expect(gate.stderr).toMatch(/the forecast gate \(model btc-1d\) needs the database/);
    expect(backtest('--csv', SMALL_CSV, '--strategy', file('ok2.json', EXAMPLE), '--look-ahead-cuts', '-1').code).toBe(
      64,
    );
  });

  it('backtests a tiny file and says there were no trades', () => {
    const result = backtest('--csv', SMALL_CSV, '--strategy', file('ok3.json', EXAMPLE), '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ bars: 2, trades: [], metrics: { trades: 0, winRate: null } });
  });
});
