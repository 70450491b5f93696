import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Metrics } from '../observability/metrics';
import type { Cache } from './cache';
import { InvalidTtlError } from './invalid-ttl.error';

/** Builds a cache of the implementation under test; `prefix` isolates keys, `metrics` receives counts. */
export type CacheFactory = (options: { prefix: string; metrics: Metrics }) => Cache;

/** Current value of one labelled series of a prom-client counter (0 when never incremented). */
export async function counterValue(
  counter: { get(): Promise<{ values: { labels: object; value: number }[] }> },
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await counter.get();
  const match = values.find((v) =>
    Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l),
  );
  return match?.value ?? 0;
}

/** The behaviour every Cache implementation shares; called from each implementation's test file. */
export function describeCacheContract(kind: Cache['kind'], make: CacheFactory, metrics: Metrics): void {
  const opened: Cache[] = [];
  const open = (prefix = 'main:') => {
    const cache = make({ prefix, metrics });
    opened.push(cache);
    return cache;
  };
  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close()));
  });

  describe(`${kind} cache contract`, () => {
    it('misses an unknown key and counts the miss', async () => {
      const cache = open();
      const before = await counterValue(metrics.cacheRequests, { cache: kind, result: 'miss' });
      expect(await cache.get('never-set')).toBeUndefined();
      expect(await counterValue(metrics.cacheRequests, { cache: kind, result: 'miss' })).toBe(before + 1);
    });

    it('returns what was set and counts the hit', async () => {
      const cache = open();
      await cache.set('answer', 42);
      const before = await counterValue(metrics.cacheRequests, { cache: kind, result: 'hit' });
      expect(await cache.get<number>('answer')).toBe(42);
      expect(await counterValue(metrics.cacheRequests, { cache: kind, result: 'hit' })).toBe(before + 1);
    });

    it('round-trips nested values through JSON (dates become ISO strings, undefined fields vanish)', async () => {
      const cache = open();
      const value = { a: [1, { b: 'x', c: null }], d: new Date(0), e: undefined, f: { g: { h: [true, 1.5] } } };
      await cache.set('nested', value);
      value.a.push(99); // mutating after set must not reach the cached copy
      expect(await cache.get('nested')).toEqual({
        a: [1, { b: 'x', c: null }],
        d: '1970-01-01T00:00:00.000Z',
        f: { g: { h: [true, 1.5] } },
      });
      const read = await cache.get<{ a: unknown[] }>('nested');
      read?.a.push('mutated');
      expect((await cache.get<{ a: unknown[] }>('nested'))?.a, 'a read copy is not the cached copy').toHaveLength(2);
    });

    it('overwrites a value', async () => {
      const cache = open();
      await cache.set('k', 'first');
      await cache.set('k', 'second');
      expect(await cache.get('k')).toBe('second');
    });

    it('deletes a key, and deleting a missing key is fine', async () => {
      const cache = open();
      await cache.set('gone', { x: 1 });
      await cache.delete('gone');
      await cache.delete('never-there');
      expect(await cache.get('gone')).toBeUndefined();
    });

    it('treats storing undefined as removing the key', async () => {
      const cache = open();
      await cache.set('u', 'something');
      await cache.set('u', undefined);
      expect(await cache.get('u')).toBeUndefined();
    });

    it('expires a key after its TTL while a longer-lived key stays', async () => {
      const cache = open();
      await cache.set('short', 'soon gone', 1);
      await cache.set('long', 'stays', 3600);
      expect(await cache.get('short')).toBe('soon gone');
      await vi.waitFor(async () => expect(await cache.get('short')).toBeUndefined(), {
        timeout: 10_000,
        interval: 100,
      });
      expect(await cache.get('long')).toBe('stays');
    });

    it('rejects a TTL that is not a positive whole number of seconds', async () => {
      const cache = open();
      await expect(cache.set('bad', 1, 0)).rejects.toBeInstanceOf(InvalidTtlError);
      await expect(cache.set('bad', 1, 1.5)).rejects.toThrow(/"bad".*positive whole number.*1\.5/);
    });

    it('isolates keys by prefix', async () => {
      const left = open('left:');
      const right = open('right:');
      await left.set('shared', 'L');
      await right.set('shared', 'R');
      await left.delete('shared');
      expect(await left.get('shared')).toBeUndefined();
      expect(await right.get('shared'), 'a delete under one prefix must not touch another').toBe('R');
    });

    it('answers ping when reachable', async () => {
      await expect(open().ping()).resolves.toBeUndefined();
    });
  });
}
