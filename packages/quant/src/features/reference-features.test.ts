// The features hmmlearn saw (reference README §3, hmm_peer.py `make_features`): our batch features from
// the reference series' closes must equal synth5000_features_*.csv to 1e-15 absolute, row for row.
import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { readReferenceCsv, referenceAvailable } from '../hmm/reference-fixtures';
import { computeRegimeFeatures } from './regime-features';

describe.skipIf(!referenceAvailable)('features vs the hmmlearn reference CSVs (needs ../shared/reference)', () => {
  const cases = [
    ['hmmlearn/synth5000_features_logret_absret.csv', ['logret', 'absret'], 5000, 1],
    ['hmmlearn/synth5000_features_logret_absret_vol20.csv', ['logret', 'absret', 'vol20'], 4981, 20],
  ] as const;

  for (const [file, names, rows, firstRow] of cases) {
    it(`matches ${file} to 1e-15 with the same row mapping`, async () => {
      const source = await readReferenceCsv('synthetic_regimes_5000.csv');
      // close-only bars: the features read closes only (Number() parses like Python float(): correctly rounded)
      const bars: OhlcvBar[] = source
        .get('close')!
        .map((c, i) => ({ ts: i, open: c, high: c, low: c, close: c, volume: 0 }));
      const reference = await readReferenceCsv(file);
      const { X, rowIndex } = computeRegimeFeatures(bars, names);
      expect(X.rows).toBe(rows);
      expect(rowIndex[0]).toBe(firstRow);
      expect(Array.from(rowIndex)).toEqual(reference.get('csv_row'));
      let maxError = 0;
      names.forEach((name, d) => {
        const column = reference.get(name)!;
        for (let t = 0; t < X.rows; t++)
          maxError = Math.max(maxError, Math.abs(X.data[t * names.length + d]! - column[t]!));
      });
      expect(maxError, 'max absolute error against numpy (1 ulp of ln(close) is 8.9e-16)').toBeLessThanOrEqual(1e-15);
    });
  }
});
