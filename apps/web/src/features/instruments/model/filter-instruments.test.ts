import type { Instrument } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { filterInstruments } from './filter-instruments';

const instrument = (symbol: string, name: string | null) => ({ symbol, name }) as Instrument;
const LIST = [
  instrument('SYN-BTC', 'Synthetic Bitcoin (demo data)'),
  instrument('SYNA', 'Synthetic Alpha Robotics (demo data)'),
  instrument('AAPL', 'Apple Inc.'),
  instrument('X', null),
];

describe('filterInstruments', () => {
  it('keeps every instrument for an empty or blank query, as the same list', () => {
    expect(filterInstruments(LIST, '')).toBe(LIST);
    expect(filterInstruments(LIST, '   ')).toBe(LIST);
  });

  it('matches the symbol or the name, ignoring case, and keeps the order', () => {
    expect(filterInstruments(LIST, 'syn').map((i) => i.symbol)).toEqual(['SYN-BTC', 'SYNA']);
    expect(filterInstruments(LIST, 'apple').map((i) => i.symbol)).toEqual(['AAPL']);
    expect(filterInstruments(LIST, 'x').map((i) => i.symbol)).toEqual(['X']);
  });

  it('needs every word, in either field', () => {
    expect(filterInstruments(LIST, 'synthetic robotics').map((i) => i.symbol)).toEqual(['SYNA']);
    expect(filterInstruments(LIST, 'btc demo').map((i) => i.symbol)).toEqual(['SYN-BTC']);
    expect(filterInstruments(LIST, 'apple demo')).toEqual([]);
  });
});
