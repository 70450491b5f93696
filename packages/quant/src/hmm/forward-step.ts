// The online forward step bound to one model: the emission factored once, its scratch owned, and for K = 3,
// D = 2 (the default regime model) the row written out with the parameters in closure locals, as
// forward-fused.ts does for the batch pass. A live tracker takes this step on every bar, where the generic
// row (loops over K and D, the row scratch through memory) cost twice as much. Same operations in the same
// order as forwardRow, so results are bit-identical (hmm-inference.test.ts checks it against filteredProbs).
import { createEmission, emissionRow, LOG_DENSITY_FLOOR, setEmission, type Emission } from './emission';
import { expNonPositive } from './emission-exp';
import { forwardRow } from './forward-row';
import { createRowScratch, type RowScratch } from './hmm-workspace';
import { rereference, SCALE_UNDERFLOW } from './forward-rereference';
import { assertParams, InvalidParamsError } from './hmm-errors';
import type { GaussianHMMParams } from './hmm-types';

/**
 * From the previous filtered probabilities (null at the start of the series) and an observation row, writes
 * P(s_t | x_1..t) into `out` and returns log p(x_t | x_1..t-1). `out` may be `prev`. Allocates nothing.
 */
export type ForwardStep = (prev: Float64Array | null, x: ArrayLike<number>, out: Float64Array) => number;

/** Checks and factors `params` once (InvalidParamsError if they are unusable) and returns their step. */
export function createForwardStep(params: GaussianHMMParams): ForwardStep {
  assertParams(params);
  const em = createEmission(params.nStates, params.nFeatures);
  setEmission(em, params);
  const row = createRowScratch(params.nStates);
  return params.nStates === 3 && params.nFeatures === 2 ? step3D2(em, params, row) : stepAny(em, params, row);
}

function assertFiniteRow(x: ArrayLike<number>, D: number): void {
  for (let d = 0; d < D; d++) {
    if (!Number.isFinite(x[d]!)) throw new InvalidParamsError(`x[${d}]`, `not finite: ${x[d]}`);
  }
}

function stepAny(em: Emission, params: GaussianHMMParams, row: RowScratch): ForwardStep {
  const x = new Float64Array(params.nFeatures);
  const b = new Float64Array(params.nStates);
  return (prev, input, out) => {
    assertFiniteRow(input, x.length);
    x.set(input);
    const s = forwardRow(em, params.startProb, params.transMat, prev, 0, x, 0, out, 0, b, 0, row);
    return row.refLog + Math.log(s);
  };
}

/** forwardFused3D2's row body, for one row; `em.full` picks the full kernel (z = L⁻¹ (x - μ)) or the diag one. */
function step3D2(em: Emission, params: GaussianHMMParams, row: RowScratch): ForwardStep {
  const { means, factor, logNorm, full } = em;
  const { startProb, transMat } = params;
  const { pred, logB } = row;
  const b = new Float64Array(3);
  const x = new Float64Array(2);
  const m00 = means[0]!;
  const m01 = means[1]!;
  const m10 = means[2]!;
  const m11 = means[3]!;
  const m20 = means[4]!;
  const m21 = means[5]!;
  // diag: 1/variance per feature (f?0, f?1); full: L⁻¹ = [f?0 0; f?1 f?2].
  const f00 = factor[0]!;
  const f01 = full ? factor[2]! : factor[1]!;
  const f02 = factor[3]!;
  const f10 = full ? factor[4]! : factor[2]!;
  const f11 = full ? factor[6]! : factor[3]!;
  const f12 = factor[7]!;
  const f20 = full ? factor[8]! : factor[4]!;
  const f21 = full ? factor[10]! : factor[5]!;
  const f22 = factor[11]!;
  const n0 = logNorm[0]!;
  const n1 = logNorm[1]!;
  const n2 = logNorm[2]!;
  const a00 = transMat[0]!;
  const a01 = transMat[1]!;
  const a02 = transMat[2]!;
  const a10 = transMat[3]!;
  const a11 = transMat[4]!;
  const a12 = transMat[5]!;
  const a20 = transMat[6]!;
  const a21 = transMat[7]!;
  const a22 = transMat[8]!;
  return (prev, input, out) => {
    const u = input[0]!;
    const v = input[1]!;
    if (!Number.isFinite(u) || !Number.isFinite(v)) assertFiniteRow(input, 2);
    const d00 = u - m00;
    const d01 = v - m01;
    const d10 = u - m10;
    const d11 = v - m11;
    const d20 = u - m20;
    const d21 = v - m21;
    let l0: number;
    let l1: number;
    let l2: number;
    if (full) {
      const z00 = f00 * d00;
      const z01 = f01 * d00 + f02 * d01;
      l0 = n0 - 0.5 * (z00 * z00 + z01 * z01);
      const z10 = f10 * d10;
      const z11 = f11 * d10 + f12 * d11;
      l1 = n1 - 0.5 * (z10 * z10 + z11 * z11);
      const z20 = f20 * d20;
      const z21 = f21 * d20 + f22 * d21;
      l2 = n2 - 0.5 * (z20 * z20 + z21 * z21);
    } else {
      l0 = n0 - 0.5 * (d00 * d00 * f00 + d01 * d01 * f01);
      l1 = n1 - 0.5 * (d10 * d10 * f10 + d11 * d11 * f11);
      l2 = n2 - 0.5 * (d20 * d20 * f20 + d21 * d21 * f21);
    }
    if (!(l0 > LOG_DENSITY_FLOOR)) l0 = LOG_DENSITY_FLOOR;
    if (!(l1 > LOG_DENSITY_FLOOR)) l1 = LOG_DENSITY_FLOOR;
    if (!(l2 > LOG_DENSITY_FLOOR)) l2 = LOG_DENSITY_FLOOR;
    let m = l0;
    if (l1 > m) m = l1;
    if (l2 > m) m = l2;
    let p0 = startProb[0]!;
    let p1 = startProb[1]!;
    let p2 = startProb[2]!;
    if (prev !== null) {
      const q0 = prev[0]!;
      const q1 = prev[1]!;
      const q2 = prev[2]!;
      p0 = q0 * a00 + q1 * a10 + q2 * a20;
      p1 = q0 * a01 + q1 * a11 + q2 * a21;
      p2 = q0 * a02 + q1 * a12 + q2 * a22;
    }
    const b0 = l0 === m ? 1 : expNonPositive(l0 - m);
    const b1 = l1 === m ? 1 : expNonPositive(l1 - m);
    const b2 = l2 === m ? 1 : expNonPositive(l2 - m);
    let r0 = p0 * b0;
    let r1 = p1 * b1;
    let r2 = p2 * b2;
    let s = r0 + r1 + r2;
    if (!(s > SCALE_UNDERFLOW)) {
      // The rare row every state explains badly: re-referenced by the shared code, as in the batch pass.
      pred[0] = p0;
      pred[1] = p1;
      pred[2] = p2;
      x[0] = u;
      x[1] = v;
      emissionRow(em, x, 0, logB);
      s = rereference(pred, logB, out, 0, b, 0, 3, row);
      m = row.refLog;
      r0 = out[0]!;
      r1 = out[1]!;
      r2 = out[2]!;
    }
    const inv = 1 / s;
    out[0] = r0 * inv;
    out[1] = r1 * inv;
    out[2] = r2 * inv;
    return m + Math.log(s);
  };
}
