import type { BacktestTrade } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { LABELLED_TRADES, tradeMarkers } from './trade-markers';

const trade = (overrides: Partial<BacktestTrade>): BacktestTrade => ({
  side: 'long',
  signalTime: '2024-01-01T00:00:00.000Z',
  entryTime: '2024-01-02T00:00:00.000Z',
  entryPrice: 100,
  exitTime: '2024-01-05T00:00:00.000Z',
  exitPrice: 105,
  returnPct: 0.05,
  exitReason: 'exit',
  bars: 3,
  ...overrides,
});

const t = (iso: string) => Date.parse(iso) / 1000;

describe('tradeMarkers', () => {
  it('marks each trade twice, entry and exit, on the bars that filled them, in time order', () => {
    const markers = tradeMarkers([
      trade({ entryTime: '2024-01-02T00:00:00.000Z', exitTime: '2024-01-05T00:00:00.000Z', returnPct: 0.05 }),
      trade({ entryTime: '2024-01-05T00:00:00.000Z', exitTime: '2024-01-09T00:00:00.000Z', side: 'short' }),
    ]);
    expect(markers).toHaveLength(4);
    expect(markers.map((m) => m.time)).toEqual([
      t('2024-01-02T00:00:00.000Z'),
      t('2024-01-05T00:00:00.000Z'),
      t('2024-01-05T00:00:00.000Z'),
      t('2024-01-09T00:00:00.000Z'),
    ]);
    expect(markers[0]).toMatchObject({ position: 'belowBar', shape: 'arrowUp', text: 'Long' });
    expect(markers[1], 'the exit keeps its place before the next entry on the same bar').toMatchObject({
      position: 'aboveBar',
      shape: 'arrowDown',
      text: '+5.0%',
    });
    expect(markers[2]).toMatchObject({ position: 'aboveBar', shape: 'arrowDown', text: 'Short' });
    expect(markers[3]).toMatchObject({ position: 'belowBar', shape: 'arrowUp' });
  });

  it('drops the labels when there are too many trades to read them', () => {
    const many = Array.from({ length: LABELLED_TRADES + 1 }, () => trade({}));
    const markers = tradeMarkers(many);
    expect(markers).toHaveLength(2 * many.length);
    expect(markers.every((m) => m.text === undefined)).toBe(true);
  });
});
