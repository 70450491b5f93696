import type { Signal } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { formatIndicator, matchesFilter, mergeSignals } from './signal-feed';

const signal = (id: string, createdAt: string, barTs: string): Signal => ({
  id,
  strategyId: '00000000-0000-4000-8000-000000000001',
  version: 1,
  symbol: 'REPLAY',
  timeframe: '1d',
  barTs,
  action: 'enter_long',
  reason: 'entry',
  price: 100,
  evidence: { rule: 'close > open', indicators: {}, filters: {} },
  lagMs: null,
  createdAt,
});

describe('mergeSignals', () => {
  it('keeps each signal once when the stream and a stored page both carry it', () => {
    const a = signal('a', '2024-06-01T10:00:00.000Z', '2024-05-01T00:00:00.000Z');
    const b = signal('b', '2024-06-01T10:00:05.000Z', '2024-05-02T00:00:00.000Z');
    expect(mergeSignals([a], [b, a]).map((s) => s.id)).toEqual(['b', 'a']);
  });

  it('orders one write’s batch (same created time) by bar, latest first', () => {
    const at = '2024-06-01T10:00:00.000Z';
    const merged = mergeSignals([
      signal('x', at, '2024-05-01T00:00:00.000Z'),
      signal('y', at, '2024-05-20T00:00:00.000Z'),
      signal('z', at, '2024-05-10T00:00:00.000Z'),
    ]);
    expect(merged.map((s) => s.id)).toEqual(['y', 'z', 'x']);
  });
});

describe('matchesFilter', () => {
  it('keeps a streamed signal only when every filter set agrees, as the list API does', () => {
    const s = signal('a', '2024-06-01T10:00:00.000Z', '2024-05-01T00:00:00.000Z');
    expect(matchesFilter(s, {})).toBe(true);
    expect(matchesFilter(s, { symbol: 'REPLAY', action: 'enter_long' })).toBe(true);
    expect(matchesFilter(s, { symbol: 'OTHER' })).toBe(false);
    expect(matchesFilter(s, { action: 'exit_long' })).toBe(false);
    expect(matchesFilter(s, { strategyId: '00000000-0000-4000-8000-000000000002' })).toBe(false);
  });
});

describe('formatIndicator', () => {
  it('shows six significant digits, and says when an indicator was not warm', () => {
    expect(formatIndicator(113.426114376656)).toBe('113.426');
    expect(formatIndicator(113.66000000000001)).toBe('113.66');
    expect(formatIndicator(null)).toBe('not warm');
  });
});
