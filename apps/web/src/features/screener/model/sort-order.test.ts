import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, parseSort } from './sort-order';

describe('sort order', () => {
  it('sorts a new numeric column biggest first and a text column A to Z', () => {
    expect(nextSort(null, 'ret3m', 'number')).toBe('-ret3m');
    expect(nextSort('-ret3m', 'sector', 'text')).toBe('sector');
  });

  it('reverses the same column on a second click, and again on a third', () => {
    expect(nextSort('-ret3m', 'ret3m', 'number')).toBe('ret3m');
    expect(nextSort('ret3m', 'ret3m', 'number')).toBe('-ret3m');
  });

  it('reads the server form and names the direction for assistive technology', () => {
    expect(parseSort(' -score ')).toEqual({ field: 'score', descending: true });
    expect(parseSort('+rsi14')).toEqual({ field: 'rsi14', descending: false });
    expect(parseSort('')).toBeNull();
    expect(ariaSort('-score', 'score')).toBe('descending');
    expect(ariaSort('score', 'score')).toBe('ascending');
    expect(ariaSort('score', 'ret3m')).toBe('none');
  });
});
