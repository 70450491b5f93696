import { labelOfCompound, SENTIMENT_LABELS, type SentimentLabel, type SentimentResult } from './sentiment-labels';
import {
  analyseText,
  lexiconFeatureCount,
  lexiconFeatures,
  type LexiconFeatureSet,
  type SentimentDocument,
} from './sentiment-features';
import {
  balancedSampleWeights,
  fitSoftmaxRegression,
  softmaxProbabilities,
  type SoftmaxModel,
} from './softmax-regression';
import { TfidfVectorizer, type SparseVector } from './tfidf';

/** Everything that decides a fit; with the training rows it fixes the model exactly. */
export interface SentimentModelConfig {
  /** 1 = words, 2 = words and adjacent pairs. */
  maxN: number;
  minDf: number;
  sublinearTf: boolean;
  /** L2 penalty on the weights against the mean cross-entropy. */
  l2: number;
  /** 'balanced' weighs each class's rows to the same total, so the rare negative class is not ignored. */
  classWeight: 'none' | 'balanced';
  lexiconFeatures: LexiconFeatureSet;
}

export interface SentimentPrediction extends SentimentResult {
  /** P(negative), P(neutral), P(positive). */
  probabilities: Record<SentimentLabel, number>;
}

/**
 * TF-IDF over words and word pairs plus, depending on the config, the lexicon score as extra columns, into a
 * 3-class softmax regression. label = the most probable class; score = P(positive) - P(negative), in [-1, 1].
 * A text with no known term and no lexicon hit gets the class priors the bias learnt (neutral) and score 0.
 */
export class SentimentModel {
  constructor(
    readonly config: SentimentModelConfig,
    readonly vectorizer: TfidfVectorizer,
    readonly softmax: SoftmaxModel,
  ) {
    const expected = vectorizer.size + lexiconFeatureCount(config.lexiconFeatures);
    if (softmax.features !== expected || softmax.classes !== SENTIMENT_LABELS.length)
      throw new RangeError(
        `SentimentModel: weights for ${softmax.classes} x ${softmax.features}, expected 3 x ${expected}`,
      );
  }

  /** The model's input row for an analysed document. */
  features(doc: SentimentDocument): SparseVector {
    const tfidf = this.vectorizer.transform(doc.terms);
    const extra = lexiconFeatures(doc.lexicon, this.config.lexiconFeatures);
    if (extra.length === 0) return tfidf;
    const base = this.vectorizer.size;
    const indices = new Int32Array(tfidf.indices.length + extra.length);
    indices.set(tfidf.indices);
    extra.forEach((_, k) => (indices[tfidf.indices.length + k] = base + k));
    const values = new Float64Array(indices.length);
    values.set(tfidf.values);
    values.set(extra, tfidf.values.length);
    return { indices, values };
  }

  predictDocument(doc: SentimentDocument): SentimentPrediction {
    const row = this.features(doc);
    const p = softmaxProbabilities(this.softmax, row);
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
    const probabilities = { negative: p[0]!, neutral: p[1]!, positive: p[2]! };
    // No known term and no lexicon hit: the probabilities are the learnt priors, which say nothing about this
    // text. Its score is 0, so a feed of empty or foreign-language posts does not drift to the priors' lean.
    const evidence = row.values.some((v) => v !== 0);
    return { label: SENTIMENT_LABELS[best]!, score: evidence ? p[2]! - p[0]! : 0, probabilities };
  }

  predict(text: string): SentimentPrediction {
    return this.predictDocument(analyseText(text));
  }
}

export interface TrainedSentimentModel {
  model: SentimentModel;
  iterations: number;
  converged: boolean;
}

/** Fits vocabulary, idf and weights on the documents; deterministic (see fitSoftmaxRegression). */
export function trainSentimentModel(
  docs: readonly SentimentDocument[],
  labels: readonly SentimentLabel[],
  config: SentimentModelConfig,
): TrainedSentimentModel {
  if (docs.length !== labels.length) throw new RangeError(`${docs.length} documents but ${labels.length} labels`);
  const vectorizer = TfidfVectorizer.fit(
    docs.map((d) => d.terms),
    { maxN: config.maxN, minDf: config.minDf, sublinearTf: config.sublinearTf },
  );
  const features = vectorizer.size + lexiconFeatureCount(config.lexiconFeatures);
  const classes = SENTIMENT_LABELS.length;
  const y = Int32Array.from(labels, (l) => SENTIMENT_LABELS.indexOf(l));
  const shell = new SentimentModel(config, vectorizer, {
    classes,
    features,
    weights: new Float64Array(classes * features),
    bias: new Float64Array(classes),
  });
  const rows = docs.map((d) => shell.features(d));
  const fit = fitSoftmaxRegression(rows, y, features, classes, {
    l2: config.l2,
    ...(config.classWeight === 'balanced' ? { sampleWeights: balancedSampleWeights(y, classes) } : {}),
  });
  return { model: new SentimentModel(config, vectorizer, fit), iterations: fit.iterations, converged: fit.converged };
}

/** The lexicon alone, on VADER's cut-offs: score = the compound. */
export function scoreWithLexicon(doc: SentimentDocument): SentimentResult {
  return { label: labelOfCompound(doc.lexicon.compound), score: doc.lexicon.compound };
}
