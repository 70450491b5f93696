import { describe, expect, it } from 'vitest';
import { apiKeyHash, effectiveKeyRole, generateApiKey, LastUsedThrottle } from './api-keys';
import { sha256Hex } from './tokens';

describe('API key format', () => {
  it('looks like mlk_<8 hex>_<43+ base64url> and is stored as its SHA-256', () => {
    const { key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^mlk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`mlk_${prefix}_`)).toBe(true);
    expect(keyHash).toBe(sha256Hex(key));
    expect(apiKeyHash(key)).toBe(keyHash);
    expect(generateApiKey().key).not.toBe(key);
  });

  it('does not hash strings that are not shaped like a key', () => {
    expect(apiKeyHash('mlk_short_secret')).toBeUndefined();
    expect(apiKeyHash(`xyz_0123abcd_${'a'.repeat(43)}`)).toBeUndefined();
  });
});

describe('effective key role', () => {
  it('is the lower of the key role and the owner role', () => {
    expect(effectiveKeyRole('admin', 'viewer')).toBe('viewer');
    expect(effectiveKeyRole('viewer', 'admin')).toBe('viewer');
    expect(effectiveKeyRole('analyst', 'admin')).toBe('analyst');
    expect(effectiveKeyRole('analyst', 'analyst')).toBe('analyst');
  });
});

describe('last-used throttle', () => {
  it('allows one write per key per interval', () => {
    const throttle = new LastUsedThrottle(60_000);
    expect(throttle.due('k1', 0)).toBe(true);
    expect(throttle.due('k1', 59_999)).toBe(false);
    expect(throttle.due('k2', 59_999), 'keys are throttled independently').toBe(true);
    expect(throttle.due('k1', 60_000)).toBe(true);
  });
});
