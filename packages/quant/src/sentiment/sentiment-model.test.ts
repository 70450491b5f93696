import { describe, expect, it } from 'vitest';
import { analyseText } from './sentiment-features';
import { SENTIMENT_LABELS, type SentimentLabel } from './sentiment-labels';
import { trainSentimentModel, type SentimentModelConfig } from './sentiment-model';
import {
  formatSentimentModelJson,
  SentimentModelJsonError,
  sentimentModelFromJson,
  toSentimentModelJson,
} from './sentiment-model-json';
import { validationSplit } from './sentiment-model-selection';
import { createSentimentScorer, shippedSentimentModel } from './sentiment-scorer';

const TOY: Array<[string, SentimentLabel]> = [
  ['profit rose and sales grew strongly', 'positive'],
  ['record quarter, shares jumped', 'positive'],
  ['strong demand lifted sales', 'positive'],
  ['sales grew and margins improved', 'positive'],
  ['net loss widened and shares fell', 'negative'],
  ['the company cut jobs after weak sales', 'negative'],
  ['shares fell on weak demand', 'negative'],
  ['profit warning sends shares lower', 'negative'],
  ['the company is based in Helsinki', 'neutral'],
  ['the meeting is held on Monday', 'neutral'],
  ['the company has 200 employees', 'neutral'],
  ['the report is published in March', 'neutral'],
];
const config: SentimentModelConfig = {
  maxN: 2,
  minDf: 1,
  sublinearTf: true,
  l2: 1e-2,
  classWeight: 'balanced',
  lexiconFeatures: 'compound',
};
const docs = TOY.map(([text]) => analyseText(text));
const labels = TOY.map(([, label]) => label);

describe('trainSentimentModel', () => {
  it('is deterministic: two fits give the same JSON, byte for byte', () => {
    const a = formatSentimentModelJson(toSentimentModelJson(trainSentimentModel(docs, labels, config).model));
    const b = formatSentimentModelJson(toSentimentModelJson(trainSentimentModel(docs, labels, config).model));
    expect(a).toBe(b);
  });

  it('learns its training rows, with score = P(positive) - P(negative)', () => {
    const { model, converged } = trainSentimentModel(docs, labels, config);
    expect(converged).toBe(true);
    const predictions = docs.map((d) => model.predictDocument(d));
    expect(predictions.map((p) => p.label)).toEqual(labels);
    for (const p of predictions) {
      expect(p.score).toBeCloseTo(p.probabilities.positive - p.probabilities.negative, 12);
      expect(p.probabilities.negative + p.probabilities.neutral + p.probabilities.positive).toBeCloseTo(1, 12);
    }
  });

  it('survives a JSON round trip (6 significant digits) with the same labels and scores to 1e-4', () => {
    const { model } = trainSentimentModel(docs, labels, config);
    const json = JSON.parse(formatSentimentModelJson(toSentimentModelJson(model, { note: 'toy' })));
    const back = sentimentModelFromJson(json);
    expect(json.training).toEqual({ note: 'toy' });
    for (const d of docs) {
      expect(back.predictDocument(d).label).toBe(model.predictDocument(d).label);
      expect(back.predictDocument(d).score).toBeCloseTo(model.predictDocument(d).score, 4);
    }
  });

  it('rejects JSON of another format, version or shape, naming the field', () => {
    const json = toSentimentModelJson(trainSentimentModel(docs, labels, config).model);
    expect(() => sentimentModelFromJson({ ...json, version: 2 })).toThrow(SentimentModelJsonError);
    expect(() => sentimentModelFromJson({ ...json, bias: [0] })).toThrow(/bias needs 3 values/);
    expect(() => sentimentModelFromJson({ ...json, terms: [['good', 1, 0.5]] })).toThrow(/terms\[0\] needs 3/);
    expect(() => sentimentModelFromJson({ ...json, lexiconWeights: [] })).toThrow(/lexiconWeights has 0 rows/);
  });
});

describe('validationSplit', () => {
  it('partitions the rows by a seeded shuffle: same seed, same parts', () => {
    const a = validationSplit(100, 0.2, 12);
    expect(a.validation).toHaveLength(20);
    expect([...a.fit, ...a.validation].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(validationSplit(100, 0.2, 12)).toEqual(a);
    expect(validationSplit(100, 0.2, 13).validation).not.toEqual(a.validation);
  });
});

describe('the shipped model (sentiment-model.json)', () => {
  const combined = createSentimentScorer('combined');

  it('loads, with a weight row per label and the lexicon compound as a column', () => {
    const model = shippedSentimentModel();
    expect(model.softmax.classes).toBe(SENTIMENT_LABELS.length);
    expect(model.vectorizer.size).toBeGreaterThan(1000);
    expect(model.config.lexiconFeatures).not.toBe('none');
  });

  it('reads finance news it was trained for', () => {
    expect(combined.score('Operating profit rose to EUR 13.1 mn from EUR 8.7 mn').label).toBe('positive');
    expect(combined.score('Net sales decreased by 12 % and the company will lay off 150 staff').label).toBe('negative');
    expect(combined.score('The company is headquartered in Helsinki , Finland .').label).toBe('neutral');
  });

  it('reads crypto slang through its lexicon column, although no post was in its training data', () => {
    for (const text of ['wagmi 🚀🚀', '$PEPE to the moon 🚀', 'HODL 💎🙌 bullish af'])
      expect(combined.score(text).label, text).toBe('positive');
    for (const text of ['rug pulled, ngmi 💀', 'dev dumped on us, total scam 📉'])
      expect(combined.score(text).label, text).toBe('negative');
  });

  it('scores in [-1, 1] for both methods, empty text included', () => {
    const lexicon = createSentimentScorer('lexicon');
    for (const text of ['', '🚀🚀🚀🚀🚀🚀🚀🚀 moon moon moon!!!!', 'scam scam rug rekt ngmi 💀💀💀']) {
      for (const scorer of [combined, lexicon]) {
        const { score } = scorer.score(text);
        expect(Math.abs(score), `${scorer.method}: ${text}`).toBeLessThanOrEqual(1);
      }
    }
    expect(lexicon.score('')).toEqual({ label: 'neutral', score: 0 });
    expect(combined.score(''), 'no evidence: neutral, 0 (not the priors lean)').toEqual({ label: 'neutral', score: 0 });
    expect(combined.score('qwxz zzvq')).toEqual({ label: 'neutral', score: 0 });
  });
});
