import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { generateSyntheticBars } from '../synthetic/synthetic-bars';
import { DAY_MS } from '../synthetic/synthetic-calendar';
import { FeatureInputError, FeatureNotReadyError } from './feature-input.error';
import type { StreamingFeature } from './streaming-feature';

/** Daily bars with real OHLC spread and varying volume, deterministic. */
export function contractBars(count: number, seed = 3): OhlcvBar[] {
  return generateSyntheticBars({ seed, start: 946_857_600_000, count, timeframeMs: DAY_MS, startPrice: 100 }).bars;
}

const feed = (f: StreamingFeature, bars: readonly OhlcvBar[]) => bars.map((b) => f.add(b));

/**
 * The contract every streaming feature keeps (STYLE.md: one contract test per family, called from every
 * member's test file): warm-up, replace, determinism, and bad input rejected without touching state.
 */
export function testStreamingFeatureContract(name: string, create: () => StreamingFeature): void {
  describe(`${name} streaming contract`, () => {
    const bars = contractBars(200);

    it('gives null until warmUpBars bars are in, then a finite value for every bar', () => {
      const f = create();
      for (let i = 0; i < f.warmUpBars - 1; i++) {
        expect(f.add(bars[i]!), `bar ${i} is inside the warm-up`).toBeNull();
        expect(f.isStable).toBe(false);
        expect(() => f.getResultOrThrow()).toThrow(FeatureNotReadyError);
      }
      for (let i = f.warmUpBars - 1; i < bars.length; i++) {
        const v = f.add(bars[i]!);
        expect(Number.isFinite(v), `bar ${i} must have a finite value`).toBe(true);
        expect(f.getResultOrThrow()).toBe(v);
      }
      expect(f.isStable).toBe(true);
      expect(f.barsSeen).toBe(bars.length);
    });

    it('replace of the last bar equals adding the replacement in the first place', () => {
      for (const cut of [1, 2, create().warmUpBars, 57, 199]) {
        const forming = { ...bars[cut - 1]!, close: bars[cut - 1]!.close * 1.013, volume: 777 };
        forming.high = Math.max(forming.high, forming.close);
        const a = create();
        feed(a, bars.slice(0, cut - 1));
        a.add(bars[cut - 1]!);
        const replaced = a.replace(forming);
        const b = create();
        feed(b, bars.slice(0, cut - 1));
        expect(replaced, `cut ${cut}`).toBe(b.add(forming));
        expect(a.barsSeen).toBe(b.barsSeen);
        // ...and the stream carries on identically afterwards
        expect(feed(a, bars.slice(cut, cut + 30))).toEqual(feed(b, bars.slice(cut, cut + 30)));
      }
    });

    it('replace on an empty stream is an add, and repeated replaces keep only the last version', () => {
      const a = create();
      a.replace(bars[0]!);
      expect(a.barsSeen).toBe(1);
      feed(a, bars.slice(1, 40));
      a.replace({ ...bars[39]!, close: 1, low: 0.5 });
      a.replace(bars[39]!);
      const b = create();
      feed(b, bars.slice(0, 40));
      expect(a.getResult()).toBe(b.getResult());
    });

    it('is deterministic: two instances fed the same bars agree exactly', () => {
      expect(feed(create(), bars)).toEqual(feed(create(), bars));
    });

    it('rejects a bad bar with its index and leaves the state as it was', () => {
      const f = create();
      feed(f, bars.slice(0, 30));
      const before = f.getResult();
      const bad = { ...bars[30]!, close: Number.NaN, high: Number.NaN, low: -1, volume: -5 };
      let error: unknown;
      try {
        f.add(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FeatureInputError);
      expect((error as FeatureInputError).index).toBe(30);
      expect((error as FeatureInputError).message).toMatch(/^bar 30: /);
      expect(f.getResult()).toBe(before);
      expect(f.barsSeen).toBe(30);
      const g = create();
      feed(g, bars.slice(0, 31));
      expect(f.add(bars[30]!)).toBe(g.getResult());
    });
  });
}
