import { describe, expect, it } from 'vitest';
import { parseAmountInput } from './amount-input';

describe('parseAmountInput', () => {
  it('reads the suffixes and spellings of the Nasdaq list', () => {
    expect(parseAmountInput('300M')).toBe(3e8);
    expect(parseAmountInput('$2b')).toBe(2e9);
    expect(parseAmountInput(' 1.5e9 ')).toBe(1.5e9);
    expect(parseAmountInput('2,000,000')).toBe(2e6);
    expect(parseAmountInput('.5k')).toBe(500);
    expect(parseAmountInput('1')).toBe(1);
  });

  it('reads blank as null, so the server applies its default', () => {
    expect(parseAmountInput('')).toBeNull();
    expect(parseAmountInput('   ')).toBeNull();
  });

  it('reads negative amounts and words as NaN rather than guessing', () => {
    expect(parseAmountInput('-5')).toBeNaN();
    expect(parseAmountInput('lots')).toBeNaN();
    expect(parseAmountInput('300 MB')).toBeNaN();
  });
});
