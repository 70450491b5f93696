import { describe, expect, it } from 'vitest';
import { HOUR_MS, sentimentBuckets } from './sentiment-buckets';

describe('sentimentBuckets', () => {
  const t0 = 10 * HOUR_MS;

  it('counts and averages posts per hour, keeping empty hours as zeros', () => {
    const posts = [
      { id: 'a', postedAt: t0 + 5, score: 0.5 },
      { id: 'b', postedAt: t0 + HOUR_MS - 1, score: -0.1 },
      { id: 'c', postedAt: t0 + 2 * HOUR_MS, score: 1 },
    ];
    const buckets = sentimentBuckets(posts, { from: t0, to: t0 + 3 * HOUR_MS });
    expect(buckets).toEqual([
      { ts: t0, posts: 2, meanSentiment: 0.2, postIds: ['a', 'b'] },
      { ts: t0 + HOUR_MS, posts: 0, meanSentiment: 0, postIds: [] },
      { ts: t0 + 2 * HOUR_MS, posts: 1, meanSentiment: 1, postIds: ['c'] },
    ]);
  });

  it('aligns the first bucket to the hour and ignores posts outside the range', () => {
    const posts = [
      { id: 'early', postedAt: t0 + 100, score: 1 },
      { id: 'in', postedAt: t0 + 1_000, score: -1 },
      { id: 'late', postedAt: t0 + HOUR_MS, score: 1 },
    ];
    const buckets = sentimentBuckets(posts, { from: t0 + 500, to: t0 + HOUR_MS });
    expect(buckets).toEqual([{ ts: t0, posts: 1, meanSentiment: -1, postIds: ['in'] }]);
  });

  it('gives no buckets for an empty range and refuses a bucket size that is not positive', () => {
    expect(sentimentBuckets([], { from: t0, to: t0 })).toEqual([]);
    expect(() => sentimentBuckets([], { from: 0, to: 1 }, 0)).toThrow(/bucketMs must be positive/);
  });
});
