import { describe, expect, it } from 'vitest';
import { SeenTimestamps } from './seen-timestamps';

describe('SeenTimestamps', () => {
  it('finds what was added in time order and nothing else', () => {
    const seen = new SeenTimestamps();
    for (let i = 0; i < 5000; i++) seen.add(1_600_000_000_000 + i * 60_000, i);
    expect(seen.get(1_600_000_000_000)).toBe(0);
    expect(seen.get(1_600_000_000_000 + 4321 * 60_000)).toBe(4321);
    expect(seen.get(1_600_000_000_000 + 4999 * 60_000)).toBe(4999);
    expect(seen.get(1_600_000_000_000 + 30_000)).toBeUndefined(); // between two
    expect(seen.get(1_599_999_999_999)).toBeUndefined(); // before the first
    expect(seen.get(1_600_000_000_000 + 5000 * 60_000)).toBeUndefined(); // after the last
  });

  it('keeps every entry when a timestamp arrives out of order', () => {
    const seen = new SeenTimestamps();
    const order = [50, 10, 20, 90, 5, 70];
    const stored = [10, 20, 30, 40, 50, 60];
    for (let i = 0; i < 3000; i++) seen.add(100_000 + i * 100, i); // long in-order run first
    order.forEach((ts, i) => seen.add(ts, stored[i]!));
    for (let i = 0; i < 3000; i++) expect(seen.get(100_000 + i * 100)).toBe(i);
    order.forEach((ts, i) => expect(seen.get(ts)).toBe(stored[i]));
    expect(seen.get(15)).toBeUndefined();
  });

  it('matches a Map on random sequences with repeats looked up first', () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (let run = 0; run < 50; run++) {
      const seen = new SeenTimestamps();
      const reference = new Map<number, number>();
      let ts = 0;
      const inOrder = next() % 4000;
      for (let i = 0; i < 5000; i++) {
        ts = i < inOrder ? ts + 1 + (next() % 3) : next() % 20_000;
        expect(seen.get(ts)).toBe(reference.get(ts));
        if (reference.has(ts)) continue;
        reference.set(ts, i);
        seen.add(ts, i);
      }
    }
  });
});
