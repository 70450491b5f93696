/** The three classes, in the order every probability vector and weight row uses. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const isSentimentLabel = (value: string): value is SentimentLabel =>
  (SENTIMENT_LABELS as readonly string[]).includes(value);

/** A scored text: the class and a score in [-1, 1] (negative .. positive). */
export interface SentimentResult {
  label: SentimentLabel;
  score: number;
}

/** VADER's standard cut-offs on a compound score: >= 0.05 positive, <= -0.05 negative, else neutral. */
export const COMPOUND_THRESHOLD = 0.05;

export function labelOfCompound(compound: number): SentimentLabel {
  if (compound >= COMPOUND_THRESHOLD) return 'positive';
  if (compound <= -COMPOUND_THRESHOLD) return 'negative';
  return 'neutral';
}
