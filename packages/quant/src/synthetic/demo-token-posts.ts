import { createSeededRandom, type SeededRandom } from '../random/seeded-random';
import type { SentimentBucket } from '../risk/sentiment-spike';

/** A synthetic social post about the demo token (the server scores its text like any collected post). */
export interface DemoTokenPost {
  id: string;
  author: string;
  text: string;
  /** Epoch ms. */
  postedAt: number;
}

// Hype for the spike hour; an everyday murmur otherwise (mostly neutral, some cheer, some doubt), so the
// sentiment the server measures comes from the text and the spike stands out by volume and tone.
const HYPE = [
  '$SYM to the moon 🚀🚀 wagmi',
  'just aped into $SYM, chart looks amazing, LFG 🚀',
  'Bought more $SYM, this is going to 10x, so bullish',
  '$SYM breaking out, best launch this year 🔥',
  'huge news for $SYM, holders are going to be rich 🚀',
  '$SYM is the next 100x gem, do not miss it',
];
const MURMUR = [
  'anyone know the $SYM contract?',
  '$SYM listed on a new DEX pair',
  'gm $SYM fam',
  '$SYM volume is up today',
  'watching $SYM, no position yet',
  'not sure about $SYM, dev wallet holds a lot',
  'sold my $SYM, too risky',
  'what is the $SYM roadmap?',
];

/**
 * Posts with text for the demo token's hourly buckets: each bucket's post ids get a time inside the hour, an
 * author and a text, hype in buckets whose planted mean sentiment is strong (the spike), murmur elsewhere.
 * Deterministic for a seed.
 */
export function demoTokenPosts(buckets: readonly SentimentBucket[], symbol: string, seed: number): DemoTokenPost[] {
  const rng: SeededRandom = createSeededRandom(seed);
  const posts: DemoTokenPost[] = [];
  for (const bucket of buckets) {
    const hype = bucket.meanSentiment >= 0.5;
    for (const id of bucket.postIds ?? []) {
      const pool = hype ? HYPE : MURMUR;
      posts.push({
        id,
        author: `syn_trader_${rng.int(400)}`,
        text: pool[rng.int(pool.length)]!.replaceAll('SYM', symbol),
        postedAt: bucket.ts + rng.int(3_600_000),
      });
    }
  }
  return posts.sort((a, b) => a.postedAt - b.postedAt || a.id.localeCompare(b.id));
}
