import { describe, expect, it } from 'vitest';
import { modelTerms, ngrams, TfidfVectorizer } from './tfidf';
import { tokenize } from './sentiment-tokenizer';

describe('modelTerms and ngrams', () => {
  it('keeps words, cashtags and emoji, turns numbers into placeholders and drops punctuation', () => {
    expect(modelTerms(tokenize('Sales rose 5 % to EUR 10.5 mn , up 12%! $PEPE 🚀'))).toEqual([
      'sales',
      'rose',
      '<num>',
      'to',
      'eur',
      '<num>',
      'mn',
      'up',
      '<pct>',
      '$pepe',
      '🚀',
    ]);
  });

  it('adds adjacent pairs after the words', () => {
    expect(ngrams(['a', 'b', 'c'], 2)).toEqual(['a', 'b', 'c', 'a b', 'b c']);
    expect(ngrams(['a'], 2)).toEqual(['a']);
  });
});

describe('TfidfVectorizer', () => {
  const docs = [
    ['good', 'stock'],
    ['bad', 'stock'],
    ['good', 'good', 'news'],
  ];
  const options = { maxN: 1, minDf: 2, sublinearTf: true };

  it('keeps terms in min-df documents, sorted, with smooth idf ln((1+n)/(1+df)) + 1', () => {
    const v = TfidfVectorizer.fit(docs, options);
    expect(v.vocabulary).toEqual(['good', 'stock']);
    // n = 3 documents, df = 2 for both: idf = ln(4/3) + 1.
    expect(Array.from(v.idf)).toEqual([Math.log(4 / 3) + 1, Math.log(4 / 3) + 1]);
  });

  it('weighs sublinear tf by idf and scales each row to unit length', () => {
    const v = TfidfVectorizer.fit(docs, options);
    const row = v.transform(['good', 'good', 'stock', 'unknown']);
    expect(Array.from(row.indices)).toEqual([0, 1]);
    // tf: good 1 + ln 2, stock 1; equal idf cancels in the normalisation.
    const norm = Math.hypot(1 + Math.log(2), 1);
    expect(row.values[0]).toBeCloseTo((1 + Math.log(2)) / norm, 12);
    expect(row.values[1]).toBeCloseTo(1 / norm, 12);
    expect(v.transform(['unknown']).indices).toHaveLength(0);
  });

  it('counts bigrams as terms of their own', () => {
    const v = TfidfVectorizer.fit([['not', 'good'], ['not', 'good'], ['good']], { ...options, maxN: 2 });
    expect(v.vocabulary).toEqual(['good', 'not', 'not good']);
  });
});
