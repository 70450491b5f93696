import { describe, expect, it } from 'vitest';
import { memeToken } from '../testing/meme-fixtures';
import { sortTokens } from './sort-tokens';

const tokens = [
  memeToken({ symbol: 'MID', riskScore: 40 }),
  memeToken({ symbol: 'NEW', riskScore: null }),
  memeToken({ symbol: 'HOT', riskScore: 90 }),
  memeToken({ symbol: 'AAA', riskScore: 40 }),
];

describe('sortTokens', () => {
  it('puts the riskiest first, ties by symbol, tokens never assessed last', () => {
    expect(sortTokens(tokens, 'desc').map((t) => t.symbol)).toEqual(['HOT', 'AAA', 'MID', 'NEW']);
  });

  it('keeps never-assessed tokens last in ascending order too', () => {
    expect(sortTokens(tokens, 'asc').map((t) => t.symbol)).toEqual(['AAA', 'MID', 'HOT', 'NEW']);
  });
});
