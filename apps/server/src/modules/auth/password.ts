import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * argon2id, the variant OWASP recommends (memory-hard against GPUs, resistant to side channels).
 * 19 MiB, 2 passes, 1 lane is OWASP's baseline profile: ~50 ms per hash on this machine, which bounds
 * login cost under load while making offline guessing expensive. The parameters live in the PHC string
 * of every hash, so raising them later only affects new hashes; old ones still verify.
 */
const ARGON2_OPTIONS: Options = {
  // Algorithm is a `const enum` in the typings, which isolated modules cannot read; 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Computed once, lazily: a real argon2id hash with the same parameters, so verifying against it costs
// the same time as verifying against a real user's hash.
let dummyHash: Promise<string> | undefined;

/**
 * Verifies `password` against `passwordHash`; when there is no hash (unknown email) it verifies against a
 * dummy hash instead and returns false, so the answer time does not reveal which emails exist.
 */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    dummyHash ??= hash(randomBytes(32).toString('base64url'), ARGON2_OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must not become a 500 that tells the caller the email exists.
    return false;
  }
}

/** A strong random password for the first admin: 24 random bytes, ~32 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}
