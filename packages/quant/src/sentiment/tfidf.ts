import type { SentimentToken } from './sentiment-tokenizer';

/** A sparse row: column indices in increasing order, with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface TfidfOptions {
  /** Longest n-gram: 1 = words only, 2 = words and pairs of adjacent words. */
  maxN: number;
  /** Terms in fewer documents than this are left out of the vocabulary. */
  minDf: number;
  /** tf = 1 + ln(count) instead of count, so a word repeated five times is not five times the evidence. */
  sublinearTf: boolean;
}

/**
 * The terms the model sees: words, hashtags (as their word), cashtags, emoji and emoticons, lower case as
 * the tokenizer normalised them; every number is "<num>" and a percentage "<pct>" (the value is not the
 * sentiment, that a figure is there is). Punctuation is left out.
 */
export function modelTerms(tokens: readonly SentimentToken[]): string[] {
  const terms: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'punct') continue;
    if (t.kind === 'number') terms.push(t.norm.endsWith('%') ? '<pct>' : '<num>');
    else terms.push(t.norm);
  }
  return terms;
}

/** The terms and their n-grams up to maxN, n-gram parts joined by a space ("net sales", "to the"). */
export function ngrams(terms: readonly string[], maxN: number): string[] {
  const out = [...terms];
  for (let n = 2; n <= maxN; n++) {
    for (let i = 0; i + n <= terms.length; i++) out.push(terms.slice(i, i + n).join(' '));
  }
  return out;
}

/**
 * TF-IDF with a fixed vocabulary: weight = tf x idf, idf = ln((1 + docs) / (1 + df)) + 1 (scikit-learn's
 * smooth_idf), each row scaled to unit L2 norm. The vocabulary is sorted, so a fit is the same whatever the
 * order of equal documents.
 */
export class TfidfVectorizer {
  private readonly index: ReadonlyMap<string, number>;

  constructor(
    readonly vocabulary: readonly string[],
    readonly idf: Float64Array,
    readonly options: TfidfOptions,
  ) {
    if (idf.length !== vocabulary.length)
      throw new RangeError(`TfidfVectorizer: ${vocabulary.length} terms but ${idf.length} idf values`);
    this.index = new Map(vocabulary.map((term, i) => [term, i]));
  }

  /** Vocabulary and idf from documents given as their terms (see modelTerms). */
  static fit(documents: readonly (readonly string[])[], options: TfidfOptions): TfidfVectorizer {
    const df = new Map<string, number>();
    for (const terms of documents) {
      for (const term of new Set(ngrams(terms, options.maxN))) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const vocabulary = [...df.keys()].filter((t) => df.get(t)! >= options.minDf).sort();
    const n = documents.length;
    const idf = Float64Array.from(vocabulary, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
    return new TfidfVectorizer(vocabulary, idf, options);
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /** The document's unit-length TF-IDF row; empty when none of its terms is in the vocabulary. */
  transform(terms: readonly string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const term of ngrams(terms, this.options.maxN)) {
      const i = this.index.get(term);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = Float64Array.from(indices, (i) => {
      const count = counts.get(i)!;
      return (this.options.sublinearTf ? 1 + Math.log(count) : count) * this.idf[i]!;
    });
    let norm = 0;
    for (const v of values) norm += v * v;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < values.length; k++) values[k] = values[k]! / norm;
    return { indices, values };
  }
}
