import type { SocialPost } from '../social/social-post';

// The parts of an X API v2 recent-search answer we read (developer.x.com, "GET /2/tweets/search/recent").
// Every field is optional here: X leaves out `data` and `includes` on an empty page, and an answer that
// changes shape should lose fields, not crash the collector.

export interface XTweet {
  id: string;
  text: string;
  created_at?: string;
  author_id?: string;
}

export interface XUser {
  id: string;
  username?: string;
  name?: string;
}

export interface XSearchAnswer {
  data?: XTweet[];
  includes?: { users?: XUser[] };
  meta?: { newest_id?: string; oldest_id?: string; result_count?: number; next_token?: string };
}

/** X's epoch of its snowflake ids (2010-11-04T01:42:54.657Z): the id's top bits are ms since then. */
const TWITTER_EPOCH = 1_288_834_974_657n;

/** The post time hidden in a snowflake id, for the rare tweet that comes without created_at. */
export function snowflakeTime(id: string): number | null {
  if (!/^\d{1,20}$/.test(id)) return null;
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH);
}

/** One page's tweets as posts, authors resolved through the page's own `includes.users`. */
export function pageToPosts(answer: XSearchAnswer): SocialPost[] {
  const usernames = new Map((answer.includes?.users ?? []).map((u) => [u.id, u.username]));
  const posts: SocialPost[] = [];
  for (const tweet of answer.data ?? []) {
    const username = tweet.author_id === undefined ? undefined : usernames.get(tweet.author_id);
    const parsed = tweet.created_at === undefined ? Number.NaN : Date.parse(tweet.created_at);
    const postedAt = Number.isNaN(parsed) ? snowflakeTime(tweet.id) : parsed;
    if (postedAt === null) continue; // neither a time nor a snowflake id: not a tweet we can place in time
    posts.push({
      source: 'x',
      id: tweet.id,
      author: username ?? tweet.author_id ?? null,
      text: tweet.text,
      postedAt,
      // Without a username, x.com's /i/ form still resolves the post.
      url: username ? `https://x.com/${username}/status/${tweet.id}` : `https://x.com/i/status/${tweet.id}`,
    });
  }
  return posts;
}
