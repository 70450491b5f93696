import type { SentimentBucket } from './sentiment-spike';

/** A scored post: its time (epoch ms) and sentiment score in -1..1. */
export interface ScoredPost {
  id: string;
  postedAt: number;
  score: number;
}

export const HOUR_MS = 3_600_000;

/**
 * Scored posts in contiguous time buckets (default hourly) from `from` up to `to` (exclusive), empty buckets
 * included: the spike detector's baseline must see the quiet hours as zeros, not skip them. Bucket starts are
 * aligned to multiples of `bucketMs` since the epoch. Posts outside the range are ignored.
 */
export function sentimentBuckets(
  posts: readonly ScoredPost[],
  range: { from: number; to: number },
  bucketMs: number = HOUR_MS,
): SentimentBucket[] {
  if (!(bucketMs > 0)) throw new RangeError(`bucketMs must be positive, got ${bucketMs}`);
  const first = Math.floor(range.from / bucketMs) * bucketMs;
  const count = range.to > first ? Math.ceil((range.to - first) / bucketMs) : 0;
  const sums = new Float64Array(count);
  const ids: string[][] = Array.from({ length: count }, () => []);
  for (const post of posts) {
    if (post.postedAt < range.from || post.postedAt >= range.to) continue;
    const i = Math.floor((post.postedAt - first) / bucketMs);
    sums[i]! += post.score;
    ids[i]!.push(post.id);
  }
  return ids.map((postIds, i) => ({
    ts: first + i * bucketMs,
    posts: postIds.length,
    meanSentiment: postIds.length === 0 ? 0 : sums[i]! / postIds.length,
    postIds,
  }));
}
