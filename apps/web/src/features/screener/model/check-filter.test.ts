import { SCREEN_FIELDS } from '@marketlens/quant';
import { describe, expect, it } from 'vitest';
import { checkFilter, checkSort } from './check-filter';

describe('checkFilter', () => {
  it('accepts a filter of the language, and the empty one', () => {
    expect(
      checkFilter('marketCap between 3e8 and 2e9 and ret3m > 15% and sector in ("Technology")', SCREEN_FIELDS),
    ).toBeNull();
    expect(checkFilter('   ', SCREEN_FIELDS)).toBeNull();
  });

  it('places a misspelt field at its column and suggests the name meant', () => {
    const text = 'ret3m > 15% and rsi41 < 30';
    const problem = checkFilter(text, SCREEN_FIELDS);
    expect(problem?.position).toBe(text.indexOf('rsi41'));
    expect(problem?.message).toMatch(/^Column 17: expected .*found "rsi41"/);
  });

  it('places a missing number at the end of the text', () => {
    expect(checkFilter('ret3m >', SCREEN_FIELDS)?.position).toBe(7);
  });

  it('checks a sort the same way', () => {
    expect(checkSort('-score', SCREEN_FIELDS)).toBeNull();
    expect(checkSort('-scroe', SCREEN_FIELDS)).toMatchObject({ target: 'sort', position: 1 });
  });
});
