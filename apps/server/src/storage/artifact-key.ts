import { createHash } from 'node:crypto';
import { InvalidArtifactKeyError } from './artifact-store.errors';

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const MAX_KEY_LENGTH = 512;

/**
 * Checks a store key: `/`-separated segments of letters, digits and . _ - , none of them `.` or `..`.
 * Rejecting (rather than rewriting) keeps two different names from silently mapping to one object, and a key
 * that passes can be joined under a folder or a bucket without escaping it.
 */
export function checkArtifactKey(key: string): string {
  if (key.length === 0) throw new InvalidArtifactKeyError(key, 'is empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidArtifactKeyError(key, `is longer than ${MAX_KEY_LENGTH}`);
  for (const segment of key.split('/')) {
    if (segment === '') throw new InvalidArtifactKeyError(key, 'has an empty segment (leading, trailing or double /)');
    if (segment === '.' || segment === '..') throw new InvalidArtifactKeyError(key, `has a "${segment}" segment`);
    if (!SEGMENT.test(segment)) {
      throw new InvalidArtifactKeyError(key, `segment "${segment}" has characters outside A-Z a-z 0-9 . _ -`);
    }
  }
  return key;
}

export const toBuffer = (body: Buffer | string): Buffer =>
  typeof body === 'string' ? Buffer.from(body, 'utf8') : body;

export const sha256Hex = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');
