import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from backoffMs with each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, 1000))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('draws a jittered delay from [delay * (1 - jitter), delay]', () => {
    expect(backoffDelay(3, 1000, 0.5, () => 0)).toBe(2000);
    expect(backoffDelay(3, 1000, 0.5, () => 0.999_999)).toBe(3999);
  });
});
