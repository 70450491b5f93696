import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-metrics';

const LABELS = ['neg', 'neu', 'pos'] as const;
type L = (typeof LABELS)[number];

/** Builds label lists from a confusion matrix (rows actual, columns predicted). */
function fromConfusion(matrix: number[][]): { actual: L[]; predicted: L[] } {
  const actual: L[] = [];
  const predicted: L[] = [];
  matrix.forEach((row, a) =>
    row.forEach((n, p) => {
      for (let k = 0; k < n; k++) {
        actual.push(LABELS[a]!);
        predicted.push(LABELS[p]!);
      }
    }),
  );
  return { actual, predicted };
}

describe('classificationReport', () => {
  it('matches precision, recall, F1 and macro-F1 worked out by hand', () => {
    // actual neg: 5 as neg, 3 as neu, 2 as pos; neu: 1, 20, 4; pos: 0, 5, 10  (50 rows)
    const matrix = [
      [5, 3, 2],
      [1, 20, 4],
      [0, 5, 10],
    ];
    const { actual, predicted } = fromConfusion(matrix);
    const report = classificationReport(actual, predicted, LABELS);
    expect(report.confusion).toEqual(matrix);
    expect(report.rows).toBe(50);
    expect(report.accuracy).toBeCloseTo(35 / 50, 12);
    // neg: P = 5/6, R = 5/10, F1 = 2PR/(P+R) = 0.625; neu: P = 20/28, R = 20/25, F1 = 40/53;
    // pos: P = 10/16, R = 10/15, F1 = 20/31.
    const [neg, neu, pos] = report.perClass;
    expect(neg).toMatchObject({ label: 'neg', support: 10 });
    expect(neg!.precision).toBeCloseTo(5 / 6, 12);
    expect(neg!.recall).toBeCloseTo(0.5, 12);
    expect(neg!.f1).toBeCloseTo(0.625, 12);
    expect(neu!.f1).toBeCloseTo(40 / 53, 12);
    expect(pos!.f1).toBeCloseTo(20 / 31, 12);
    expect(report.macroF1).toBeCloseTo((0.625 + 40 / 53 + 20 / 31) / 3, 12);
  });

  it('gives a class that is never predicted precision 0 and F1 0, as scikit-learn does', () => {
    const report = classificationReport<L>(['neg', 'pos', 'neu'], ['neu', 'pos', 'neu'], LABELS);
    expect(report.perClass[0]).toEqual({ label: 'neg', precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.perClass[1]!.precision).toBeCloseTo(0.5, 12);
    expect(report.macroF1).toBeCloseTo((0 + 2 / 3 + 1) / 3, 12);
  });

  it('rejects lists of different lengths and labels outside the set', () => {
    expect(() => classificationReport<L>(['neg'], [], LABELS)).toThrow(/1 actual labels but 0 predicted/);
    expect(() => classificationReport(['neg'], ['bad' as L], LABELS)).toThrow(/row 0 has a label outside/);
  });
});
