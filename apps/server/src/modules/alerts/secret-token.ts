import { createHash, randomBytes } from 'node:crypto';

// Tokens handed to users once (verification links, Telegram link codes, webhook secrets). Only their SHA-256 is
// stored where the database row itself should not be able to use them (a leaked table verifies nothing).

/** `bytes` random bytes, base64url: safe in URLs and in Telegram's /start payload (A-Z a-z 0-9 _ -). */
export const randomToken = (bytes: number): string => randomBytes(bytes).toString('base64url');

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
