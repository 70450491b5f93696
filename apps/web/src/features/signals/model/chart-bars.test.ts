import { describe, expect, it } from 'vitest';
import { backtestBarRange, strategyBars } from './chart-bars';

const bar = (ts: string, close: number) => ({ ts, open: close, high: close + 1, low: close - 1, close, volume: 10 });

describe('strategyBars', () => {
  it('passes bars of the strategy’s own timeframe through with epoch-ms times', () => {
    expect(strategyBars([bar('2024-01-01T00:00:00.000Z', 5)], '1d', '1d')).toEqual([
      { ts: Date.UTC(2024, 0, 1), open: 5, high: 6, low: 4, close: 5, volume: 10 },
    ]);
  });

  it('resamples finer stored bars into the strategy’s UTC buckets, as the backtest did', () => {
    const hourly = [
      bar('2024-01-01T00:00:00.000Z', 1),
      bar('2024-01-01T01:00:00.000Z', 3),
      bar('2024-01-01T04:00:00.000Z', 2),
    ];
    expect(strategyBars(hourly, '1h', '4h')).toEqual([
      { ts: Date.UTC(2024, 0, 1, 0), open: 1, high: 4, low: 0, close: 3, volume: 20 },
      { ts: Date.UTC(2024, 0, 1, 4), open: 2, high: 3, low: 1, close: 2, volume: 10 },
    ]);
  });
});

describe('backtestBarRange', () => {
  it('ends after the last bar, because the bars API excludes `to`', () => {
    expect(backtestBarRange('2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z', '1d')).toEqual({
      from: '2024-01-01T00:00:00.000Z',
      to: '2024-02-02T00:00:00.000Z',
    });
  });
});
