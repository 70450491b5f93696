// The kernels' warm-up series must really take the paths it exists to give V8 feedback for: rows where a
// forward kernel stops (every allowed state underflows) and rows whose scale is small enough to flush the
// running product, in every case it runs.
import { describe, expect, it } from 'vitest';
import { createEmission, setEmission } from './emission';
import { forwardPass } from './forward-backward';
import { createWorkspace } from './hmm-workspace';
import { warmUpCases } from './kernel-warm-up';

describe('kernel warm-up series', () => {
  for (const K of [2, 3, 4])
    for (const [i, { params, X }] of warmUpCases(K).entries())
      it(`K=${K} case ${i} (D=${X.cols} ${params.covarianceType}) stops at underflowing rows and flushes the scale product`, () => {
        const em = createEmission(K, X.cols);
        setEmission(em, params);
        const ws = createWorkspace(X.rows, K);
        const logLik = forwardPass(em, params.startProb, params.transMat, X, ws, false);
        expect(Number.isFinite(logLik)).toBe(true);
        // A re-referenced row has some b > 1 (its reference is not its largest log-density).
        let rescued = 0;
        let tinyScales = 0;
        for (let t = 0; t < X.rows; t++) {
          const row = ws.b.subarray(t * K, t * K + K);
          if (Math.max(...row) > 1) rescued++;
          // Scale of a regular row: Σ pred_j b_j with pred = (1, 0, ...) here, i.e. b_0.
          else if (row[0]! < 1e-5) tinyScales++;
        }
        expect(rescued, 'rows that underflow').toBeGreaterThan(0);
        // Three scales below 1e-5 take the product under the 1e-15 flush threshold.
        expect(tinyScales, 'rows with a scale below 1e-5').toBeGreaterThanOrEqual(3);
      });
});
