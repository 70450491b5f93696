import type { SeededRandom } from '../random/seeded-random';

function hex(rng: SeededRandom, digits: number): string {
  let out = '';
  while (out.length < digits) out += rng.int(0x10000).toString(16).padStart(4, '0');
  return out.slice(0, digits);
}

/** A random lower-case address (0x + 40 hex digits) from the seeded stream: made up, owned by nobody. */
export const syntheticAddress = (rng: SeededRandom): string => `0x${hex(rng, 40)}`;

/** A random transaction hash (0x + 64 hex digits) from the seeded stream. */
export const syntheticTxHash = (rng: SeededRandom): string => `0x${hex(rng, 64)}`;
