import { createSentimentScorer, type SentimentScorer } from '@marketlens/quant';
import type { SocialPost } from '../../providers/social/social-post';
import type { NewPostRow } from './posts.store';

let scorer: SentimentScorer | null = null;

/**
 * Scores a post's text with the shipped model (`combined`: TF-IDF + lexicon, docs/meme-radar.md), once when it
 * arrives; the label and score are stored with the post so the page and every later assessment read the same.
 */
export function scorePost(text: string): { label: 'positive' | 'negative' | 'neutral'; score: number } {
  scorer ??= createSentimentScorer('combined');
  return scorer.score(text);
}

/** Collected or imported posts as rows of one token, each scored. */
export function scoredPostRows(token: string, posts: readonly SocialPost[]): NewPostRow[] {
  return posts.map((p) => ({
    token,
    source: p.source,
    id: p.id,
    author: p.author,
    text: p.text,
    postedAt: new Date(p.postedAt),
    url: p.url,
    ...scorePost(p.text),
  }));
}
