import { randomBytes } from 'node:crypto';
import { ROLE_RANK, type Role } from '@marketlens/contracts';
import { randomSecret, sha256Hex } from './tokens';

// Keys look like mlk_<prefix>_<secret>: `mlk_` lets secret scanners recognise them, the 8-hex-char prefix
// is shown in lists so people can tell keys apart, and the 32-byte secret carries the strength.
// The prefix is hex so it never contains the `_` separator (base64url can).
const KEY_MARK = 'mlk_';
const PREFIX_LENGTH = 8;
const KEY_PATTERN = /^mlk_([0-9a-f]{8})_([A-Za-z0-9_-]{43,})$/;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  keyHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(PREFIX_LENGTH / 2).toString('hex');
  const key = `${KEY_MARK}${prefix}_${randomSecret(32)}`;
  return { key, prefix, keyHash: sha256Hex(key) };
}

/** The hash to look the key up by, or undefined when it is not shaped like one of our keys. */
export function apiKeyHash(key: string): string | undefined {
  return KEY_PATTERN.test(key) ? sha256Hex(key) : undefined;
}

export const lowerRole = (a: Role, b: Role): Role => (ROLE_RANK[a] <= ROLE_RANK[b] ? a : b);

/** A key acts as its own role, but never above what its owner is allowed today. */
export const effectiveKeyRole = (keyRole: Role, ownerRole: Role): Role => lowerRole(keyRole, ownerRole);

/**
 * Remembers when each key's last_used_at was written, so a busy key costs one write a minute instead
 * of one per request. Per process; the SQL condition in touchApiKey covers other replicas.
 */
export class LastUsedThrottle {
  private readonly written = new Map<string, number>();
  constructor(
    readonly intervalMs = 60_000,
    private readonly maxTracked = 10_000,
  ) {}

  /** True when a write is due now (and records it). */
  due(keyId: string, nowMs = Date.now()): boolean {
    const last = this.written.get(keyId);
    if (last !== undefined && nowMs - last < this.intervalMs) return false;
    if (this.written.size >= this.maxTracked) this.written.clear();
    this.written.set(keyId, nowMs);
    return true;
  }
}
