import { describe, expect, it } from 'vitest';
import { createSentimentScorer } from '../sentiment/sentiment-scorer';
import { detectSentimentSpikes } from '../risk/sentiment-spike';
import { sentimentBuckets } from '../risk/sentiment-buckets';
import { DEFAULT_RISK_PARAMS } from '../risk/risk-params';
import { generateDemoToken } from './demo-token';
import { demoTokenPosts } from './demo-token-posts';

describe('demoTokenPosts', () => {
  const startMs = 1_762_128_000_000; // 2025-11-03T00:00:00Z
  const token = generateDemoToken({ seed: 7, startMs });
  const posts = demoTokenPosts(token.sentiment, token.symbol, 7);

  it('writes one post per planted post id, in time order, inside its hour, naming the token', () => {
    const planted = token.sentiment.flatMap((b) => b.postIds ?? []);
    expect(posts.map((p) => p.id).sort()).toEqual([...planted].sort());
    for (let i = 1; i < posts.length; i++) expect(posts[i]!.postedAt).toBeGreaterThanOrEqual(posts[i - 1]!.postedAt);
    const hourOf = new Map(token.sentiment.flatMap((b) => (b.postIds ?? []).map((id) => [id, b.ts] as const)));
    for (const p of posts) {
      expect(p.postedAt - hourOf.get(p.id)!).toBeGreaterThanOrEqual(0);
      expect(p.postedAt - hourOf.get(p.id)!).toBeLessThan(3_600_000);
      expect(p.text).toContain('$SYN-MEME');
    }
    expect(demoTokenPosts(token.sentiment, token.symbol, 7)).toEqual(posts);
  });

  it('scored by the shipped model, the planted hour is the one sentiment spike', () => {
    const scorer = createSentimentScorer('combined');
    const scored = posts.map((p) => ({ id: p.id, postedAt: p.postedAt, score: scorer.score(p.text).score }));
    const buckets = sentimentBuckets(scored, { from: startMs, to: startMs + 48 * 3_600_000 });
    const spikes = detectSentimentSpikes(buckets, DEFAULT_RISK_PARAMS.sentiment);
    const planted = token.labels.find((l) => l.pattern === 'sentiment-spike')!;
    expect(spikes.map((s) => s.ts)).toEqual([planted.time[0]]);
    expect(spikes[0]!.meanSentiment).toBeGreaterThan(0.5);
  });
});
