import { analyseText, type SentimentDocument } from './sentiment-features';
import type { SentimentLabel } from './sentiment-labels';
import { trainSentimentModel, type TrainedSentimentModel } from './sentiment-model';
import { toSentimentModelJson, type SentimentModelJson, type TrainingProvenance } from './sentiment-model-json';
import { selectSentimentConfig, sentimentConfigGrid, type CandidateResult } from './sentiment-model-selection';

/** The seed of the validation shuffle that picked the shipped model's settings. */
export const SHIPPED_MODEL_SEED = 12;
/** Share of the training rows held out to choose the settings. */
export const VALIDATION_SHARE = 0.2;

export interface SentimentTraining {
  docs: SentimentDocument[];
  /** Every candidate's accuracy and macro-F1 on the validation part. */
  candidates: CandidateResult[];
  /** The best candidate overall: the shipped (combined) model's settings. */
  best: CandidateResult;
  /** The best candidate without lexicon columns: the TF-IDF model alone, for comparison. */
  bestTextOnly: CandidateResult;
  /** Both refit on every training row with their settings. */
  combined: TrainedSentimentModel;
  textOnly: TrainedSentimentModel;
  /** The combined model as shipped (rounded weights, provenance). */
  json: SentimentModelJson;
}

/**
 * The whole recipe of the shipped model: analyse the training texts, pick the settings with the best
 * validation macro-F1 among sentimentConfigGrid() on a seeded 20% of the training rows, refit on all of
 * them. Deterministic: the same rows give the same JSON, byte for byte.
 */
export function trainSentimentModels(
  texts: readonly string[],
  labels: readonly SentimentLabel[],
  provenance: TrainingProvenance,
): SentimentTraining {
  const docs = texts.map(analyseText);
  const { best, results } = selectSentimentConfig(docs, labels, sentimentConfigGrid(), {
    seed: SHIPPED_MODEL_SEED,
    validationShare: VALIDATION_SHARE,
  });
  const bestTextOnly = results
    .filter((r) => r.config.lexiconFeatures === 'none')
    .reduce((a, b) => (b.macroF1 > a.macroF1 ? b : a));
  const combined = trainSentimentModel(docs, labels, best.config);
  const textOnly = trainSentimentModel(docs, labels, bestTextOnly.config);
  const json = toSentimentModelJson(combined.model, {
    ...provenance,
    trainingRows: texts.length,
    selection: 'best validation macro-F1 over sentimentConfigGrid()',
    validationSeed: SHIPPED_MODEL_SEED,
    validationShare: VALIDATION_SHARE,
    validationMacroF1: Number(best.macroF1.toFixed(4)),
    optimiser: 'full-batch L-BFGS from zero weights',
    iterations: combined.iterations,
    converged: combined.converged,
  });
  return { docs, candidates: results, best, bestTextOnly, combined, textOnly, json };
}
