import { describe, expect, it } from 'vitest';
import { AbsReturn } from './abs-return';
import { LogReturn } from './log-return';
import { contractBars, testStreamingFeatureContract } from './streaming-feature-contract';

testStreamingFeatureContract('LogReturn', () => new LogReturn());
testStreamingFeatureContract('AbsReturn', () => new AbsReturn());

describe('LogReturn', () => {
  it('is the difference of natural logs of consecutive closes, and AbsReturn its size', () => {
    const bars = contractBars(50);
    const r = new LogReturn();
    const a = new AbsReturn();
    r.add(bars[0]!);
    a.add(bars[0]!);
    for (let i = 1; i < bars.length; i++) {
      const expected = Math.log(bars[i]!.close) - Math.log(bars[i - 1]!.close);
      expect(r.add(bars[i]!)).toBe(expected);
      expect(a.add(bars[i]!)).toBe(Math.abs(expected));
    }
  });

  it('names the bar and the field for a non-positive close', () => {
    const r = new LogReturn();
    const [b0, b1] = contractBars(2);
    r.add(b0!);
    expect(() => r.add({ ...b1!, close: 0 })).toThrow('bar 1: close must be a finite number > 0, got 0');
  });
});
