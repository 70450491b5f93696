import { scoreLexicon } from './lexicon-scorer';
import { labelOfCompound, type SentimentResult } from './sentiment-labels';
import type { SentimentModel } from './sentiment-model';
import { sentimentModelFromJson, type SentimentModelJson } from './sentiment-model-json';
import shippedJson from './sentiment-model.json';

/**
 * How a text is scored:
 * - `combined`: the shipped model (TF-IDF of words and pairs + the lexicon compound, softmax regression,
 *   trained on Financial PhraseBank); label = most probable class, score = P(positive) - P(negative);
 * - `lexicon`: the lexicon and rules alone; score = the compound, label by VADER's +-0.05 cut-offs. Knows no
 *   training data, so it is the safer reading of slang-heavy posts the model has never seen words of.
 */
export const SENTIMENT_METHODS = ['combined', 'lexicon'] as const;
export type SentimentMethod = (typeof SENTIMENT_METHODS)[number];

export const isSentimentMethod = (value: string): value is SentimentMethod =>
  (SENTIMENT_METHODS as readonly string[]).includes(value);

export interface SentimentScorer {
  readonly method: SentimentMethod;
  score(text: string): SentimentResult;
}

let shipped: SentimentModel | null = null;

/** The model in sentiment-model.json, parsed on first use. */
export function shippedSentimentModel(): SentimentModel {
  shipped ??= sentimentModelFromJson(shippedJson as unknown as SentimentModelJson);
  return shipped;
}

export function createSentimentScorer(method: SentimentMethod = 'combined'): SentimentScorer {
  if (method === 'lexicon') {
    return {
      method,
      score: (text) => {
        const { compound } = scoreLexicon(text);
        return { label: labelOfCompound(compound), score: compound };
      },
    };
  }
  const model = shippedSentimentModel();
  return {
    method,
    score: (text) => {
      const { label, score } = model.predict(text);
      return { label, score };
    },
  };
}
