import { describe, expect, it } from 'vitest';
import { getOrCompute } from './cached';
import { MemoryCache } from './memory-cache';

const newCache = () => new MemoryCache({ maxEntries: 100, defaultTtlSeconds: 60 });

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('getOrCompute', () => {
  it('computes once for concurrent misses on one key and gives every caller the value', async () => {
    const cache = newCache();
    const gate = deferred<number>();
    let calls = 0;
    const compute = () => {
      calls += 1;
      return gate.promise;
    };
    const callers = Array.from({ length: 10 }, () => getOrCompute(cache, 'k', 60, compute));
    gate.resolve(7);
    expect(await Promise.all(callers)).toEqual(Array(10).fill(7));
    expect(calls, 'single-flight: one computation for ten concurrent misses').toBe(1);
    expect(await cache.get('k')).toBe(7);
  });

  it('computes different keys independently', async () => {
    const cache = newCache();
    const [a, b] = await Promise.all([
      getOrCompute(cache, 'a', 60, async () => 'A'),
      getOrCompute(cache, 'b', 60, async () => 'B'),
    ]);
    expect([a, b]).toEqual(['A', 'B']);
  });

  it('serves a hit without computing', async () => {
    const cache = newCache();
    await cache.set('k', { v: 1 });
    const value = await getOrCompute(cache, 'k', 60, () => Promise.reject(new Error('must not compute')));
    expect(value).toEqual({ v: 1 });
  });

  it('returns the same shape on the computing call as on later hits', async () => {
    const cache = newCache();
    const first = await getOrCompute(cache, 'd', 60, async () => ({ at: new Date(0) }));
    const second = await getOrCompute(cache, 'd', 60, async () => ({ at: new Date(1) }));
    expect(first).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    expect(second).toEqual(first);
  });

  it('passes a failed computation to every waiter and does not cache it', async () => {
    const cache = newCache();
    const gate = deferred<number>();
    const callers = [1, 2, 3].map(() => getOrCompute(cache, 'f', 60, () => gate.promise));
    gate.reject(new Error('upstream down'));
    for (const caller of callers) await expect(caller).rejects.toThrow('upstream down');
    expect(await getOrCompute(cache, 'f', 60, async () => 5), 'the next call computes again').toBe(5);
  });
});
