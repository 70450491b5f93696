import { createSeededRandom } from '../random/seeded-random';
import { classificationReport } from './classification-metrics';
import { LEXICON_FEATURE_SETS, type SentimentDocument } from './sentiment-features';
import { SENTIMENT_LABELS, type SentimentLabel } from './sentiment-labels';
import { trainSentimentModel, type SentimentModelConfig } from './sentiment-model';

/** The settings every candidate shares: words and pairs seen in 2+ documents, sublinear tf. */
export const BASE_SENTIMENT_CONFIG: SentimentModelConfig = {
  maxN: 2,
  minDf: 2,
  sublinearTf: true,
  l2: 3e-4,
  classWeight: 'balanced',
  lexiconFeatures: 'full',
};

/** The candidates compared on the validation part: penalty x class weighting x lexicon columns (18). */
export function sentimentConfigGrid(): SentimentModelConfig[] {
  const grid: SentimentModelConfig[] = [];
  for (const lexiconFeatures of LEXICON_FEATURE_SETS)
    for (const l2 of [1e-4, 3e-4, 1e-3])
      for (const classWeight of ['none', 'balanced'] as const)
        grid.push({ ...BASE_SENTIMENT_CONFIG, lexiconFeatures, l2, classWeight });
  return grid;
}

/**
 * Splits n training rows into a fit part and a validation part of `share` of them, by a seeded shuffle:
 * the seed is what makes model selection, and so the shipped model, reproducible. Both parts ascending.
 */
export function validationSplit(n: number, share: number, seed: number): { fit: number[]; validation: number[] } {
  const order = Array.from({ length: n }, (_, i) => i);
  const random = createSeededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cut = Math.round(n * share);
  return {
    validation: order.slice(0, cut).sort((a, b) => a - b),
    fit: order.slice(cut).sort((a, b) => a - b),
  };
}

export interface CandidateResult {
  config: SentimentModelConfig;
  accuracy: number;
  macroF1: number;
}

export interface SelectionOptions {
  seed: number;
  /** Share of the training rows held out for validation. */
  validationShare: number;
}

/**
 * Fits every candidate on the fit part and scores it on the validation part (both inside the training
 * rows; the test rows are never seen). Best = highest macro-F1, earlier candidate on a tie.
 */
export function selectSentimentConfig(
  docs: readonly SentimentDocument[],
  labels: readonly SentimentLabel[],
  candidates: readonly SentimentModelConfig[],
  options: SelectionOptions,
): { best: CandidateResult; results: CandidateResult[] } {
  const { fit, validation } = validationSplit(docs.length, options.validationShare, options.seed);
  const fitDocs = fit.map((i) => docs[i]!);
  const fitLabels = fit.map((i) => labels[i]!);
  const actual = validation.map((i) => labels[i]!);
  const results = candidates.map((config) => {
    const { model } = trainSentimentModel(fitDocs, fitLabels, config);
    const predicted = validation.map((i) => model.predictDocument(docs[i]!).label);
    const report = classificationReport(actual, predicted, SENTIMENT_LABELS);
    return { config, accuracy: report.accuracy, macroF1: report.macroF1 };
  });
  const best = results.reduce((a, b) => (b.macroF1 > a.macroF1 ? b : a));
  return { best, results };
}
