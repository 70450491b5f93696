import type { ForecastAnswer } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { buildForecastFan, historyUpTo } from './forecast-fan';

const value = (over: Partial<ForecastAnswer['forecast']> = {}): ForecastAnswer['forecast'] => ({
  kind: 'regression',
  logReturn: 0.01,
  probUp: null,
  expectedPrice: 101,
  lower: 95,
  upper: 107,
  interval: 0.9,
  ...over,
});

const answer = (over: Partial<ForecastAnswer> = {}): ForecastAnswer => ({
  symbol: 'SYN-BTC',
  timeframe: '1d',
  horizon: 3,
  model: { name: 'forecast-SYN-BTC-h3', algorithm: 'ridge', version: 2, alias: 'champion' },
  asOf: '2024-01-10T00:00:00.000Z',
  lastClose: 100,
  forecast: value(),
  baseline: { name: 'zero', forecast: value({ logReturn: 0, expectedPrice: 100 }) },
  cached: false,
  ...over,
});

const t = (iso: string) => Date.parse(iso) / 1000;

describe('buildForecastFan', () => {
  it('draws from the last close to the expected price and both bounds, horizon bars after the last bar', () => {
    const fan = buildForecastFan(answer());
    const start = t('2024-01-10T00:00:00Z');
    const target = t('2024-01-13T00:00:00Z');
    expect(fan?.targetTime).toBe(target);
    expect(fan?.expected).toEqual([
      { time: start, value: 100 },
      { time: target, value: 101 },
    ]);
    expect(fan?.upper[1]).toEqual({ time: target, value: 107 });
    expect(fan?.lower[1]).toEqual({ time: target, value: 95 });
  });

  it('steps by the timeframe (4 hourly bars ahead)', () => {
    const fan = buildForecastFan(answer({ timeframe: '1h', horizon: 4 }));
    expect(fan!.targetTime - t('2024-01-10T00:00:00Z')).toBe(4 * 3600);
  });

  it('has no fan for a direction model (no price), and no bounds when the interval is missing', () => {
    expect(
      buildForecastFan(answer({ forecast: value({ kind: 'direction', expectedPrice: null, probUp: 0.55 }) })),
    ).toBeNull();
    const fan = buildForecastFan(answer({ forecast: value({ lower: null, upper: null }) }));
    expect(fan?.upper).toEqual([]);
    expect(fan?.expected).toHaveLength(2);
  });
});

describe('historyUpTo', () => {
  it('keeps bars up to asOf, ascending and without duplicate times', () => {
    const bars = [
      { ts: '2024-01-08T00:00:00.000Z', close: 98 },
      { ts: '2024-01-09T00:00:00.000Z', close: 99 },
      { ts: '2024-01-09T00:00:00.000Z', close: 99.5 },
      { ts: '2024-01-10T00:00:00.000Z', close: 100 },
      { ts: '2024-01-11T00:00:00.000Z', close: 102 },
    ];
    expect(historyUpTo(bars, '2024-01-10T00:00:00.000Z').map((p) => p.value)).toEqual([98, 99, 100]);
  });
});
