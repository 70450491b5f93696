// What the written-out kernels (forward-unrolled-k*.ts, backward-unrolled-k*.ts) share: the chunk length
// and the write-out of the statistics kernels' running sums.
import type { HMMWorkspace, SufficientStats } from './forward-backward';

/**
 * Rows per call of a chunk kernel. A single call over all rows runs as on-stack-replaced (OSR) code, which
 * V8 failed to re-optimise when a second fit in the same process started (each iteration then ran ~30 ms
 * in the slower tiers). Chunks alone did not settle it: after any deoptimisation (a first underflow rescue,
 * say) later calls enter the cached OSR code, which keeps loop values boxed, until enough calls have passed
 * through the interpreter to re-optimise the kernel; with 8192-row chunks that took several EM iterations
 * in about a third of processes (K = 4: 122 instead of 69 ms per iteration), with 512 it takes part of one
 * pass. The ~2,000 calls per pass cost < 1%. State crosses chunks in ws.alpha, ws.beta, ws.xi,
 * ws.forwardCarry and ws.statsCarry, exactly (stores and loads of doubles), so results do not depend on
 * the chunking.
 */
export const CHUNK_ROWS = 512;

/**
 * Every pass starts with chunks of 16, 32, ... rows up to CHUNK_ROWS, so that the kernels' first calls are
 * short: V8 collects type feedback only from a function's first few calls on, and a long first call reached
 * on-stack replacement before the code around its loop had any, so the optimised kernel deoptimised at once.
 */
export const FIRST_CHUNK_ROWS = 16;

/**
 * post, obs, obs2 and trans (ξ ⊙ A) from the running sums in ws.xi and ws.statsCarry, whose six K-long
 * blocks are Σγ, Σγx₀, Σγx₁, Σγx₀², Σγx₀x₁, Σγx₁² (the x₁ blocks stay 0 for D = 1).
 */
export function writeMoments(ws: HMMWorkspace, transMat: Float64Array, stats: SufficientStats): void {
  const { K, D, full, post, obs, obs2, trans } = stats;
  const sums = ws.statsCarry;
  for (let k = 0; k < K; k++) {
    post[k] = sums[k]!;
    const su = sums[K + k]!;
    const uu = sums[3 * K + k]!;
    if (D === 1) {
      obs[k] = su;
      obs2[k] = uu;
      continue;
    }
    const sv = sums[2 * K + k]!;
    const uv = sums[4 * K + k]!;
    const vv = sums[5 * K + k]!;
    obs[2 * k] = su;
    obs[2 * k + 1] = sv;
    if (full) obs2.set([uu, uv, uv, vv], 4 * k);
    else {
      obs2[2 * k] = uu;
      obs2[2 * k + 1] = vv;
    }
  }
  for (let i = 0; i < K * K; i++) trans[i] = ws.xi[i]! * transMat[i]!;
}
