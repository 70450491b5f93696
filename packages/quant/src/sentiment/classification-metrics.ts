export interface ClassMetrics<L extends string> {
  label: L;
  /** Of the rows predicted as this class, the share that are (0 when none is predicted). */
  precision: number;
  /** Of the rows of this class, the share predicted as it (0 when the class has no row). */
  recall: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: number;
  /** Rows of this class. */
  support: number;
}

export interface ClassificationReport<L extends string> {
  labels: readonly L[];
  /** confusion[a][p]: rows of actual class labels[a] predicted as labels[p]. */
  confusion: number[][];
  accuracy: number;
  perClass: ClassMetrics<L>[];
  /** Unweighted mean of the per-class F1, so a rare class counts as much as a common one. */
  macroF1: number;
  rows: number;
}

/**
 * Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix of predicted against actual
 * labels. A class never predicted has precision 0, as scikit-learn's default (zero_division=0) reports it.
 */
export function classificationReport<L extends string>(
  actual: readonly L[],
  predicted: readonly L[],
  labels: readonly L[],
): ClassificationReport<L> {
  if (actual.length !== predicted.length)
    throw new RangeError(`classificationReport: ${actual.length} actual labels but ${predicted.length} predicted`);
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < actual.length; i++) {
    const a = index.get(actual[i]!);
    const p = index.get(predicted[i]!);
    if (a === undefined || p === undefined)
      throw new RangeError(`classificationReport: row ${i} has a label outside [${labels.join(', ')}]`);
    confusion[a]![p]! += 1;
  }
  const perClass = labels.map((label, k) => {
    const truePositives = confusion[k]![k]!;
    const predictedAs = confusion.reduce((s, row) => s + row[k]!, 0);
    const support = confusion[k]!.reduce((s, n) => s + n, 0);
    const precision = predictedAs === 0 ? 0 : truePositives / predictedAs;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = labels.reduce((s, _, k) => s + confusion[k]![k]!, 0);
  return {
    labels,
    confusion,
    accuracy: actual.length === 0 ? 0 : correct / actual.length,
    perClass,
    macroF1: perClass.reduce((s, c) => s + c.f1, 0) / labels.length,
    rows: actual.length,
  };
}
