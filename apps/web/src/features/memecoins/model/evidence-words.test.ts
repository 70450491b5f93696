import { describe, expect, it } from 'vitest';
import { evidenceCount, formatBarTime } from './evidence-words';

describe('formatBarTime', () => {
  it('shows a bar time in UTC, as the chart axis does', () => {
    expect(formatBarTime(Date.parse('2026-01-02T05:00:00Z'))).toBe('2026-01-02 05:00 UTC');
  });
});

describe('evidenceCount', () => {
  it('counts each kind present, in the plural where needed', () => {
    expect(
      evidenceCount({ transactions: ['a', 'b'], blocks: [], bars: [1], posts: [], addresses: ['x', 'y', 'z'] }),
    ).toBe('2 transactions, 1 bar, 3 addresses');
  });

  it('says when a flag has nothing to point at', () => {
    expect(evidenceCount({ transactions: [], blocks: [], bars: [], posts: [], addresses: [] })).toBe(
      'no evidence items',
    );
  });
});
