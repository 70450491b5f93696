import type { Orm } from '../../db/database';
import type { Principal } from '../../http/access';

/** How long a verified API key's principal is reused without reading the database again. */
export const API_KEY_PRINCIPAL_TTL_MS = 5_000;

interface Entry {
  principal: Principal;
  /** The key's own expiry (epoch ms), which must still be honoured while cached. */
  keyExpiresAt: number | null;
  until: number;
}

// Per database, so test apps and CLI platforms in one process never share entries. A WeakMap: a closed
// database takes its cache with it.
const caches = new WeakMap<Orm, Map<string, Entry>>();
const MAX_ENTRIES = 10_000;

function cacheOf(orm: Orm): Map<string, Entry> {
  let cache = caches.get(orm);
  if (!cache) {
    cache = new Map();
    caches.set(orm, cache);
  }
  return cache;
}

/**
 * Verified API-key principals for a few seconds, keyed by the key's hash: a hot endpoint called by scripts
 * would otherwise pay a key + owner lookup on every request. Revoking a key or changing a user in this
 * process clears the cache at once (forgetApiKeyPrincipals); another API replica sees it within the TTL.
 */
export function cachedApiKeyPrincipal(orm: Orm, keyHash: string, now = Date.now()): Principal | undefined {
  const cache = cacheOf(orm);
  const entry = cache.get(keyHash);
  if (!entry) return undefined;
  if (entry.until <= now || (entry.keyExpiresAt !== null && entry.keyExpiresAt <= now)) {
    cache.delete(keyHash);
    return undefined;
  }
  return entry.principal;
}

export function rememberApiKeyPrincipal(
  orm: Orm,
  keyHash: string,
  principal: Principal,
  keyExpiresAt: number | null,
  now = Date.now(),
): void {
  const cache = cacheOf(orm);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(keyHash, { principal, keyExpiresAt, until: now + API_KEY_PRINCIPAL_TTL_MS });
}

/** Forgets every cached API-key principal of this database (a key was revoked, a user changed). */
export function forgetApiKeyPrincipals(orm: Orm): void {
  caches.get(orm)?.clear();
}
