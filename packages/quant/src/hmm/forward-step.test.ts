import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { createEmission, setEmission } from './emission';
import { forwardRow } from './forward-row';
import { createRowScratch } from './hmm-workspace';
import { createForwardStep } from './forward-step';
import { COVARIANCE_TYPES, type CovarianceType, type GaussianHMMParams } from './hmm-types';

/**
 * A model with state 2 unreachable (start and transitions rule it out) and far from the others: a row near
 * state 2 is explained by no reachable state and takes the underflow rescue path.
 */
function model(K: number, D: number, covarianceType: CovarianceType): GaussianHMMParams {
  const rng = createSeededRandom(100 * K + 10 * D + COVARIANCE_TYPES.indexOf(covarianceType));
  const transMat = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    const row = Array.from({ length: K }, (_, j) => (j === 2 && i !== 2 ? 0 : 0.1 + rng.next()));
    const sum = row.reduce((a, b) => a + b, 0);
    transMat.set(
      row.map((v) => v / sum),
      i * K,
    );
  }
  const start = Array.from({ length: K }, (_, j) => (j === 2 ? 0 : 1));
  const means = Float64Array.from({ length: K * D }, (_, i) => (Math.floor(i / D) === 2 ? 40 : rng.normal()));
  const spd = () => {
    const S = new Array<number>(D * D).fill(0);
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) S[i * D + j] = i === j ? 0.5 + rng.next() : 0.2;
    return S;
  };
  const covars = {
    diag: () => Float64Array.from({ length: K * D }, () => 0.2 + rng.next()),
    spherical: () => Float64Array.from({ length: K }, () => 0.2 + rng.next()),
    full: () => Float64Array.from(Array.from({ length: K }, spd).flat()),
    tied: () => Float64Array.from(spd()),
  }[covarianceType]();
  return {
    nStates: K,
    nFeatures: D,
    covarianceType,
    startProb: Float64Array.from(start.map((v) => v / (K - 1))),
    transMat,
    means,
    covars,
  };
}

describe('createForwardStep', () => {
  for (const [K, D] of [
    [3, 2],
    [4, 1],
    [4, 3],
  ] as const)
    for (const covarianceType of COVARIANCE_TYPES)
      it(`gives forwardRow's probabilities and log-likelihood bit for bit, K=${K} D=${D} ${covarianceType}`, () => {
        const params = model(K, D, covarianceType);
        const em = createEmission(K, D);
        setEmission(em, params);
        const row = createRowScratch(K);
        const b = new Float64Array(K);
        const step = createForwardStep(params);
        const rng = createSeededRandom(7);
        const want = new Float64Array(K);
        const got = new Float64Array(K);
        let rescued = 0;
        for (let t = 0; t < 400; t++) {
          // Every 37th row sits on the unreachable state: the rescue path.
          const x = Float64Array.from({ length: D }, () => (t % 37 === 20 ? 40 : 0) + rng.normal());
          const s = forwardRow(
            em,
            params.startProb,
            params.transMat,
            t === 0 ? null : want,
            0,
            x,
            0,
            want,
            0,
            b,
            0,
            row,
          );
          if (Math.max(...b) > 1) rescued += 1;
          const logLik = step(t === 0 ? null : got, x, got);
          expect(Array.from(got), `row ${t}`).toEqual(Array.from(want));
          expect(logLik, `row ${t}`).toBe(row.refLog + Math.log(s));
        }
        // The written-out K = 3, D = 2 kernel has its own copy of the rescue branch: it must be exercised.
        if (K === 3) expect(rescued, 'some rows went through the rescue path').toBeGreaterThan(0);
      });

  it('rejects a row that is not finite', () => {
    const step = createForwardStep(model(3, 2, 'diag'));
    expect(() => step(null, [0, Number.NaN], new Float64Array(3))).toThrow(/x\[1\]/);
  });
});
