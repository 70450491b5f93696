import { describe, expect, it } from 'vitest';
import { HighLowRange } from './high-low-range';
import { testStreamingFeatureContract } from './streaming-feature-contract';

testStreamingFeatureContract('HighLowRange', () => new HighLowRange());

describe('HighLowRange', () => {
  it('is ln(high / low) of the bar itself', () => {
    const r = new HighLowRange();
    expect(r.add({ ts: 0, open: 100, high: 110, low: 100, close: 105, volume: 1 })).toBe(Math.log(1.1));
  });

  it('rejects a bar whose high is below its low, naming the bar', () => {
    const r = new HighLowRange();
    r.add({ ts: 0, open: 1, high: 2, low: 1, close: 1, volume: 1 });
    expect(() => r.add({ ts: 1, open: 1, high: 1, low: 2, close: 1, volume: 1 })).toThrow(
      'bar 1: high must not be below low (2), got 1',
    );
  });
});
