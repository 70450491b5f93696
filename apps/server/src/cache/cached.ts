import type { Cache } from './cache';
import { decodeValue, encodeValue } from './cache-value';

// Computations in flight per cache and key. A WeakMap so a closed cache's entries go with it.
const inFlight = new WeakMap<Cache, Map<string, Promise<unknown>>>();

/**
 * Returns the cached value of `key`, or computes, stores and returns it. Concurrent misses on one key in
 * this process share a single computation (single-flight), so a cold popular key costs one compute, not one
 * per request. The result has the shape a later hit would have (JSON round-trip), so callers see no
 * difference between the first call and the rest. A failed compute is not cached and reaches every waiter.
 */
export async function getOrCompute<T>(
  cache: Cache,
  key: string,
  ttlSeconds: number | undefined,
  compute: () => Promise<T>,
): Promise<T> {
  const pending = flightsOf(cache);
  const joined = pending.get(key);
  if (joined) return joined as Promise<T>;

  const hit = await cache.get<T>(key);
  if (hit !== undefined) return hit;

  // Another caller may have started computing while we awaited the lookup.
  const late = pending.get(key);
  if (late) return late as Promise<T>;

  const flight = (async () => {
    const value = await compute();
    await cache.set(key, value, ttlSeconds);
    const text = encodeValue(value);
    return text === undefined ? value : decodeValue<T>(text);
  })();
  pending.set(key, flight);
  try {
    return await flight;
  } finally {
    pending.delete(key);
  }
}

function flightsOf(cache: Cache): Map<string, Promise<unknown>> {
  let flights = inFlight.get(cache);
  if (!flights) {
    flights = new Map();
    inFlight.set(cache, flights);
  }
  return flights;
}
