import { describe, expect, it } from 'vitest';
import { drawerMetricGroups, regimeOf } from './drawer-metrics';

const fields = [
  { name: 'symbol', label: 'Symbol', type: 'text' as const },
  { name: 'sector', label: 'Sector', type: 'text' as const },
  { name: 'marketCap', label: 'Market cap', type: 'number' as const, unit: 'usd' },
  { name: 'ret3m', label: 'Return 3M', type: 'number' as const, unit: 'fraction' },
  { name: 'rsi14', label: 'RSI(14)', type: 'number' as const },
  { name: 'pe', label: 'P/E', type: 'number' as const, unit: 'x' },
];

describe('drawerMetricGroups', () => {
  it('groups by view, lists each field once and leaves identity fields to the heading', () => {
    const groups = drawerMetricGroups({ marketCap: 5e8, ret3m: 0.12, rsi14: 55, pe: null }, fields, {
      overview: ['symbol', 'sector', 'marketCap', 'ret3m'],
      performance: ['ret3m'],
      technical: ['rsi14'],
    });
    expect(groups.map((g) => [g.title, g.items.map((i) => `${i.label}=${i.value.text}`)])).toEqual([
      ['Overview', ['Market cap=$500M', 'Return 3M=+12.0%']],
      ['Technical', ['RSI(14)=55.0']],
      ['More', ['P/E=—']],
    ]);
  });
});

describe('regimeOf', () => {
  it('reads the regime and its probability, or nothing without a tracked fit', () => {
    expect(regimeOf({ regime: 'bull', regimeProb: 0.83 })).toEqual({ label: 'bull', probability: 0.83 });
    expect(regimeOf({ regime: 'bear' })).toEqual({ label: 'bear', probability: null });
    expect(regimeOf({ regime: null, regimeProb: null })).toBeNull();
  });
});
