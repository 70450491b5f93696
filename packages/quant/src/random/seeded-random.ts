/**
 * A small, fast, deterministic pseudo-random source for simulations and tests.
 *
 * Core generator: xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c), 128 bits
 * of state in 32-bit words so it runs on plain JS numbers with Math.imul. The state is filled from the
 * seed with splitmix32, because xoshiro must not start from an all-zero or poorly mixed state and user
 * seeds are small integers like 1, 2, 3.
 */
export interface SeededRandom {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Standard normal N(0, 1) (Marsaglia polar method). */
  normal(): number;
  /** Poisson-distributed count with mean `lambda` >= 0. */
  poisson(lambda: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

const TWO_POW_32 = 4_294_967_296;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** xoshiro128** over the given 32-bit state words; returns uint32 outputs. Exported for its reference test. */
export function xoshiro128ss(a: number, b: number, c: number, d: number): () => number {
  let s0 = a >>> 0;
  let s1 = b >>> 0;
  let s2 = c >>> 0;
  let s3 = d >>> 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  // Fold seeds beyond 32 bits in rather than truncating them, so 2^32 + 1 and 1 differ.
  const mix = splitmix32((Math.trunc(seed) ^ Math.trunc(seed / TWO_POW_32)) >>> 0);
  const nextUint32 = xoshiro128ss(mix(), mix(), mix(), mix());
  const next = (): number => nextUint32() / TWO_POW_32;

  // The polar method yields two normals per accepted pair; keep the spare so a seed gives one stream.
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * factor;
    return u * factor;
  };

  const poisson = (lambda: number): number => {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`poisson lambda must be >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 30) {
      // Knuth's multiplication method: exact, and cheap for the small intensities jumps use.
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k += 1;
        p *= next();
      }
      return k;
    }
    // Large means: normal approximation with continuity correction is accurate to well under 1%.
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
  };

  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(next() * n);
  };

  return { next, normal, poisson, int };
}
