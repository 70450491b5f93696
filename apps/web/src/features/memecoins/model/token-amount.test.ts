import { describe, expect, it } from 'vitest';
import { formatTokenAmount } from './token-amount';

describe('formatTokenAmount', () => {
  it('reads an 18-decimal amount past 2^53 in whole tokens', () => {
    expect(formatTokenAmount('1234500000000000000000000', 18), '1,234,500 tokens').toBe('1.23M');
  });

  it('keeps three significant digits of a fraction of a token', () => {
    expect(formatTokenAmount('1234000000000000', 18)).toBe('0.00123');
  });

  it('signs a negative net flow and handles zero decimals', () => {
    expect(formatTokenAmount('-450000', 0)).toBe('−450K');
    expect(formatTokenAmount('0', 18)).toBe('0');
  });

  it('gives back anything that is not digits unchanged', () => {
    expect(formatTokenAmount('n/a', 18)).toBe('n/a');
  });
});
