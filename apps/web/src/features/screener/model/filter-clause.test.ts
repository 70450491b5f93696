import { describe, expect, it } from 'vitest';
import { appendClause, buildClause, parseFieldNumber } from './filter-clause';

const ret3m = { name: 'ret3m', type: 'number' as const, unit: 'fraction' };
const marketCap = { name: 'marketCap', type: 'number' as const, unit: 'usd' };
const rsi = { name: 'rsi14', type: 'number' as const };
const sector = { name: 'sector', type: 'text' as const };

describe('parseFieldNumber', () => {
  it('reads percentages as fractions on a percentage field', () => {
    expect(parseFieldNumber(ret3m, '15')).toBe(0.15);
    expect(parseFieldNumber(ret3m, '15%')).toBe(0.15);
    expect(parseFieldNumber(ret3m, '-2.5')).toBe(-0.025);
  });

  it('reads K, M, B suffixes and plain numbers', () => {
    expect(parseFieldNumber(marketCap, '300M')).toBe(3e8);
    expect(parseFieldNumber(marketCap, '1.2b')).toBe(1.2e9);
    expect(parseFieldNumber(marketCap, '2e9')).toBe(2e9);
    expect(parseFieldNumber(rsi, '70')).toBe(70);
    expect(parseFieldNumber(rsi, 'seventy')).toBeNull();
  });
});

describe('buildClause', () => {
  it('writes comparisons and between in the screen language, ends in order', () => {
    expect(buildClause({ field: ret3m, operator: '>', values: ['15'] })).toEqual({ clause: 'ret3m > 15%' });
    expect(buildClause({ field: marketCap, operator: 'between', values: ['2B', '300M'] })).toEqual({
      clause: 'marketCap between 3e8 and 2e9',
    });
    expect(buildClause({ field: marketCap, operator: '>=', values: ['1.25B'] })).toEqual({
      clause: 'marketCap >= 1.25e9',
    });
    expect(buildClause({ field: ret3m, operator: '<', values: ['-2.5'] })).toEqual({ clause: 'ret3m < -2.5%' });
  });

  it('quotes the texts of in / not in', () => {
    expect(buildClause({ field: sector, operator: 'in', values: ['Technology, Health Care'] })).toEqual({
      clause: 'sector in ("Technology", "Health Care")',
    });
    expect(buildClause({ field: sector, operator: 'not in', values: ['Fin "A"'] })).toEqual({
      clause: 'sector not in ("Fin \\"A\\"")',
    });
  });

  it('says what is missing instead of writing a broken clause', () => {
    expect(buildClause({ field: rsi, operator: '<', values: ['x'] })).toHaveProperty('problem');
    expect(buildClause({ field: rsi, operator: 'between', values: ['30'] })).toHaveProperty('problem');
    expect(buildClause({ field: sector, operator: 'in', values: [' , '] })).toHaveProperty('problem');
  });
});

describe('appendClause', () => {
  it('joins with and, bracketing a filter that has an or', () => {
    expect(appendClause('  ', 'rsi14 < 30')).toBe('rsi14 < 30');
    expect(appendClause('ret3m > 0', 'rsi14 < 30')).toBe('ret3m > 0 and rsi14 < 30');
    expect(appendClause('ret3m > 0 or ret1m > 0', 'rsi14 < 30')).toBe('(ret3m > 0 or ret1m > 0) and rsi14 < 30');
  });
});
