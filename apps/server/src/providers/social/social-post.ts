/** One post from a social source (X, an uploaded file, a scraped forum), in the one shape the Meme Radar scores. */
export interface SocialPost {
  /** Where it came from: "x", "csv", "jsonl", or a name the uploader chose. */
  source: string;
  /** The source's own id: unique within `source`, so (source, id) de-duplicates re-imports. */
  id: string;
  author: string | null;
  text: string;
  /** Epoch ms. */
  postedAt: number;
  url: string | null;
}

/** A provider's request window as last reported (or configured); null where the provider does not say. */
export interface QuotaState {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms when `remaining` is refilled. */
  resetAt: number | null;
}

export const UNKNOWN_QUOTA: QuotaState = { limit: null, remaining: null, resetAt: null };
