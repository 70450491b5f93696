import { describe, expect, it } from 'vitest';
import { formatCompact, formatScreenValue, valueKind } from './format-value';

const num = (name: string, unit?: string) => ({ name, type: 'number' as const, ...(unit ? { unit } : {}) });

describe('formatScreenValue', () => {
  it('shows a return as a signed percentage coloured by its sign', () => {
    expect(formatScreenValue(num('ret3m', 'fraction'), 0.1534)).toEqual({ text: '+15.3%', tone: 'up' });
    expect(formatScreenValue(num('ret1w', 'fraction'), -0.052)).toEqual({ text: '-5.2%', tone: 'down' });
    expect(formatScreenValue(num('sma50Dist', 'fraction'), 0)).toEqual({ text: '0.0%', tone: null });
    expect(formatScreenValue(num('rs3m'), 0.02).text, 'read by name when the unit is missing').toBe('+2.0%');
  });

  it('shows sizes (volatility, drawdown, ATR share) as plain percentages without colour', () => {
    expect(formatScreenValue(num('vol63', 'fraction'), 0.4512)).toEqual({ text: '45.1%', tone: null });
    expect(formatScreenValue(num('maxDd1y', 'fraction'), 0.31)).toEqual({ text: '31.0%', tone: null });
    expect(formatScreenValue(num('atr14Pct', 'fraction'), 0.034).text).toBe('3.4%');
  });

  it('shows market cap in dollars with B and M, and prices to the cent', () => {
    expect(formatScreenValue(num('marketCap', 'usd'), 1_234_000_000).text).toBe('$1.23B');
    expect(formatScreenValue(num('marketCap', 'usd'), 456_700_000).text).toBe('$457M');
    expect(formatScreenValue(num('marketCap'), 2e9).text).toBe('$2B');
    expect(formatScreenValue(num('price', 'usd'), 12.3).text).toBe('$12.30');
  });

  it('shows volumes compact and relative volume as a multiple', () => {
    expect(formatScreenValue(num('avgVol20', 'shares'), 1_520_000).text).toBe('1.52M');
    expect(formatScreenValue(num('avgVol20'), 12_300).text).toBe('12.3K');
    expect(formatScreenValue(num('relVol', 'ratio'), 1.5).text).toBe('1.50×');
    expect(formatScreenValue(num('relVol'), 0.8).text).toBe('0.80×');
  });

  it('shows oscillators and scores in points, valuation ratios plain, text as it is, a missing value as a dash', () => {
    expect(formatScreenValue(num('rsi14', 'points'), 61.234).text).toBe('61.2');
    expect(formatScreenValue(num('score'), 87.06).text, 'by name').toBe('87.1');
    expect(formatScreenValue(num('peRatio', 'ratio'), 15.234).text).toBe('15.23');
    expect(formatScreenValue(num('regimeProb', 'probability'), 0.834).text).toBe('83.4%');
    expect(formatScreenValue(num('other'), 0.004567).text).toBe('0.00457');
    expect(formatScreenValue({ name: 'sector', type: 'text' }, 'Technology').text).toBe('Technology');
    expect(formatScreenValue(num('ret1y', 'fraction'), null)).toEqual({ text: '—', tone: null });
  });

  it('knows each kind by unit first, name second', () => {
    expect(valueKind(num('ret1m', 'fraction'))).toBe('signedPercent');
    expect(valueKind(num('regimeProb', 'fraction'))).toBe('percent');
    expect(valueKind({ name: 'regime', type: 'text' })).toBe('text');
    expect(valueKind(num('pe', 'x'))).toBe('multiple');
    expect(valueKind(num('sharesFloat', 'shares'))).toBe('compact');
    expect(valueKind(num('price', 'usd'))).toBe('price');
  });
});

describe('formatCompact', () => {
  it('keeps three significant digits and rolls over at the unit boundary', () => {
    expect(formatCompact(999_700)).toBe('1M');
    expect(formatCompact(10_500_000)).toBe('10.5M');
    expect(formatCompact(-2_500_000_000)).toBe('-2.5B');
    expect(formatCompact(512)).toBe('512');
    expect(formatCompact(3.5)).toBe('3.5');
  });
});
