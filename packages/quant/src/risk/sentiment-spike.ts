import type { SentimentSpikeParams } from './risk-params';

/** Posts about a token in one time bucket, as scored by the sentiment scorer (scores in -1..1). */
export interface SentimentBucket {
  /** Bucket start, epoch ms. */
  ts: number;
  posts: number;
  /** Mean sentiment score of the bucket's posts, -1..1 (0 when there are none). */
  meanSentiment: number;
  /** Ids of the bucket's posts, for evidence (optional). */
  postIds?: readonly string[];
}

export interface SentimentSpike {
  ts: number;
  posts: number;
  baselineMean: number;
  z: number;
  meanSentiment: number;
  postIds: readonly string[];
}

/**
 * Buckets where the post count jumps against the rolling baseline of the up to `baselineBuckets` buckets
 * before it (needs `minBaselineBuckets`): (posts - mean) / max(sd, sqrt(mean), 1) >= zThreshold with at least
 * `minPosts` posts, while the bucket's mean sentiment is strong, |mean| >= minAbsSentiment. Hype (positive)
 * and panic (negative) both count; the flag's message says which. Buckets in time order.
 */
export function detectSentimentSpikes(
  buckets: readonly SentimentBucket[],
  params: SentimentSpikeParams,
): SentimentSpike[] {
  const spikes: SentimentSpike[] = [];
  for (let i = params.minBaselineBuckets; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    if (bucket.posts < params.minPosts || Math.abs(bucket.meanSentiment) < params.minAbsSentiment) continue;
    const from = Math.max(0, i - params.baselineBuckets);
    const window = buckets.slice(from, i).map((b) => b.posts);
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    const variance = window.length > 1 ? window.reduce((a, b) => a + (b - mean) ** 2, 0) / (window.length - 1) : 0;
    const z = (bucket.posts - mean) / Math.max(Math.sqrt(variance), Math.sqrt(mean), 1);
    if (z < params.zThreshold) continue;
    spikes.push({
      ts: bucket.ts,
      posts: bucket.posts,
      baselineMean: mean,
      z,
      meanSentiment: bucket.meanSentiment,
      postIds: bucket.postIds ?? [],
    });
  }
  return spikes;
}
