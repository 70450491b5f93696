import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_PARAMS } from './risk-params';
import { detectSentimentSpikes, type SentimentBucket } from './sentiment-spike';

const params = { ...DEFAULT_RISK_PARAMS.sentiment, minBaselineBuckets: 4, baselineBuckets: 4 };
const HOUR = 3_600_000;
const series = (posts: number[], sentiment: number[]): SentimentBucket[] =>
  posts.map((p, i) => ({ ts: i * HOUR, posts: p, meanSentiment: sentiment[i] ?? 0, postIds: [`p${i}`] }));

describe('detectSentimentSpikes', () => {
  it('flags a post-volume spike with strong sentiment (z by hand)', () => {
    // Baseline 4, 6, 4, 6: mean 5, sd 1.155, sqrt(mean) 2.236 -> z = (30 - 5) / 2.236 = 11.18.
    const spikes = detectSentimentSpikes(series([4, 6, 4, 6, 30], [0, 0, 0, 0, 0.7]), params);
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ ts: 4 * HOUR, posts: 30, baselineMean: 5, meanSentiment: 0.7, postIds: ['p4'] });
    expect(spikes[0]!.z).toBeCloseTo(25 / Math.sqrt(5), 12);
  });

  it('needs strong sentiment, enough posts and a baseline', () => {
    expect(detectSentimentSpikes(series([4, 6, 4, 6, 30], [0, 0, 0, 0, 0.2]), params), 'neutral').toEqual([]);
    expect(detectSentimentSpikes(series([0, 1, 0, 1, 8], [0, 0, 0, 0, -0.9]), params), '8 < 10 posts').toEqual([]);
    expect(detectSentimentSpikes(series([4, 30], [0, 0.9]), params), 'no baseline').toEqual([]);
    expect(detectSentimentSpikes([], params)).toEqual([]);
  });

  it('flags panic as well as hype', () => {
    expect(detectSentimentSpikes(series([4, 6, 4, 6, 30], [0, 0, 0, 0, -0.6]), params)).toHaveLength(1);
  });
});
