import { scoreLexicon, type LexiconScore } from './lexicon-scorer';
import { tokenize } from './sentiment-tokenizer';
import { modelTerms } from './tfidf';

/**
 * Which lexicon numbers the model gets beside its TF-IDF columns: none, the compound score, or the compound
 * plus the positive and negative sums (each squashed to [0, 1) as s / (s + 4)).
 */
export const LEXICON_FEATURE_SETS = ['none', 'compound', 'full'] as const;
export type LexiconFeatureSet = (typeof LEXICON_FEATURE_SETS)[number];

/** A text analysed once: the model's terms and the lexicon's score (training reuses both across fits). */
export interface SentimentDocument {
  terms: string[];
  lexicon: LexiconScore;
}

export function analyseText(text: string): SentimentDocument {
  const tokens = tokenize(text);
  return { terms: modelTerms(tokens), lexicon: scoreLexicon(text) };
}

export function lexiconFeatureCount(set: LexiconFeatureSet): number {
  return set === 'none' ? 0 : set === 'compound' ? 1 : 3;
}

/**
 * The lexicon columns of a document. They sit on the scale of the unit-length TF-IDF rows (|x| <= 1); a
 * factor of 2 on them scored no better on the validation part, so there is none.
 */
export function lexiconFeatures(score: LexiconScore, set: LexiconFeatureSet): number[] {
  if (set === 'none') return [];
  if (set === 'compound') return [score.compound];
  const squash = (s: number): number => s / (s + 4);
  return [score.compound, squash(score.positive), squash(score.negative)];
}
