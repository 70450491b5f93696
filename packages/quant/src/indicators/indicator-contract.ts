import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import type { StreamingIndicator } from './indicator';
import { IndicatorInputError, IndicatorNotReadyError } from './indicator.error';

/** A deterministic random-walk price series (positive, with ups, downs and a flat stretch). */
export function contractPrices(count: number, seed = 11): number[] {
  const rng = createSeededRandom(seed);
  const prices: number[] = [];
  let p = 100;
  for (let i = 0; i < count; i++) {
    if (i < 60 || i > 70) p *= Math.exp(0.02 * rng.normal());
    prices.push(p);
  }
  return prices;
}

const feed = <R>(ind: StreamingIndicator<R>, values: readonly number[]) => values.map((v) => ind.add(v));

/**
 * The contract every streaming indicator keeps (STYLE.md: one contract test per family, called from
 * every member's test file): warm-up, replace, determinism, bad input rejected without touching state,
 * and, given its batch form (as rows: `batchRows`), exactly the streaming values from it.
 */
export function testIndicatorContract<R>(
  name: string,
  create: () => StreamingIndicator<R>,
  batch?: (values: Float64Array) => readonly (R | null)[],
): void {
  describe(`${name} streaming contract`, () => {
    const prices = contractPrices(300);

    it('gives null until warmUp values are in, then a result for every value', () => {
      const ind = create();
      for (let i = 0; i < ind.warmUp - 1; i++) {
        expect(ind.add(prices[i]!), `value ${i} is inside the warm-up`).toBeNull();
        expect(ind.isStable).toBe(false);
        expect(() => ind.getResultOrThrow()).toThrow(IndicatorNotReadyError);
      }
      for (let i = ind.warmUp - 1; i < prices.length; i++) {
        const r = ind.add(prices[i]!);
        expect(r, `value ${i} must have a result`).not.toBeNull();
        expect(ind.getResultOrThrow()).toEqual(r);
      }
      expect(ind.isStable).toBe(true);
      expect(ind.count).toBe(prices.length);
    });

    it('replace of the last value equals adding the replacement in the first place', () => {
      const w = create().warmUp;
      for (const cut of new Set([1, 2, w - 1, w, w + 1, 150, 300].filter((c) => c >= 1))) {
        const forming = prices[cut - 1]! * 1.017;
        const a = create();
        feed(a, prices.slice(0, cut));
        const replaced = a.replace(forming);
        const b = create();
        feed(b, prices.slice(0, cut - 1));
        expect(replaced, `cut ${cut}`).toEqual(b.add(forming));
        expect(a.count).toBe(b.count);
        expect(feed(a, prices.slice(cut, cut + 40))).toEqual(feed(b, prices.slice(cut, cut + 40)));
      }
    });

    it('replace on an empty stream is an add, and repeated replaces keep only the last version', () => {
      const a = create();
      a.replace(prices[0]!);
      expect(a.count).toBe(1);
      feed(a, prices.slice(1, 80));
      a.replace(1);
      a.replace(prices[79]!);
      const b = create();
      feed(b, prices.slice(0, 80));
      expect(a.getResult()).toEqual(b.getResult());
    });

    it('is deterministic: two instances fed the same values agree exactly', () => {
      expect(feed(create(), prices)).toEqual(feed(create(), prices));
    });

    it('rejects a non-finite value with its position and leaves the state as it was', () => {
      const ind = create();
      feed(ind, prices.slice(0, 50));
      const before = ind.getResult();
      expect(() => ind.add(Number.NaN)).toThrow(IndicatorInputError);
      expect(() => ind.replace(Number.POSITIVE_INFINITY)).toThrow(/value 49 must be a finite number/);
      expect(ind.getResult()).toEqual(before);
      expect(ind.count).toBe(50);
      const other = create();
      feed(other, prices.slice(0, 51));
      expect(ind.add(prices[50]!)).toEqual(other.getResult());
    });

    it.skipIf(batch === undefined)('has a batch form that gives exactly the streaming values', () => {
      expect(batch!(Float64Array.from(prices))).toEqual(feed(create(), prices));
    });

    it.skipIf(batch === undefined)('has a batch form that rejects a non-finite value with its position', () => {
      const values = Float64Array.from(prices.slice(0, 40));
      values[7] = Number.NaN;
      expect(() => batch!(values)).toThrow(IndicatorInputError);
      expect(() => batch!(values)).toThrow(/value 7 must be a finite number, got NaN/);
    });
  });
}

/**
 * A batch result as stream-like rows: null where the batch has NaN, else the number, or an object with one
 * field per output array (the shape the streaming class returns).
 */
export function batchRows(batch: Float64Array): (number | null)[];
export function batchRows<K extends string>(batch: Readonly<Record<K, Float64Array>>): (Record<K, number> | null)[];
export function batchRows(batch: Float64Array | Readonly<Record<string, Float64Array>>): unknown[] {
  if (batch instanceof Float64Array) return Array.from(batch, (v) => (Number.isNaN(v) ? null : v));
  const keys = Object.keys(batch);
  const first = batch[keys[0]!]!;
  return Array.from(first, (v, i) =>
    Number.isNaN(v) ? null : Object.fromEntries(keys.map((key) => [key, batch[key]![i]])),
  );
}

/** max |a - b| / max(|b|, floor) over aligned pairs: the relative error the reference tests bound. */
export function maxRelativeError(a: readonly number[], b: readonly number[], floor = 1e-12): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), floor));
  return worst;
}
