import { toPost } from './post-fields';
import { parsePostsCsv } from './posts-csv';
import type { SocialPost } from './social-post';

export type PostsFormat = 'csv' | 'jsonl';

export interface ParsedPosts {
  posts: SocialPost[];
  /** Every line that is not a post, with its 1-based line number and the field at fault. */
  rejected: { line: number; message: string }[];
}

/**
 * Posts from an uploaded file, for sources without an API (exports, other scrapers). Bad lines are reported and
 * skipped rather than failing the file: one broken row in a 10,000-line export should not lose the rest.
 */
export function parsePostsFile(text: string, format: PostsFormat, options: { source?: string } = {}): ParsedPosts {
  const source = options.source ?? format;
  return format === 'csv' ? parsePostsCsv(text, source) : parsePostsJsonl(text, source);
}

/** The format by extension, else by content: a first non-blank character `{` means one JSON object per line. */
export function detectPostsFormat(fileName: string, text: string): PostsFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{')
    ? 'jsonl'
    : 'csv';
}

/**
 * One JSON object per line, with our field names or X API v2's (`created_at`, `author_id`), so a saved X answer's
 * `data` rows import as they are.
 */
function parsePostsJsonl(text: string, source: string): ParsedPosts {
  const result: ParsedPosts = { posts: [], rejected: [] };
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      result.rejected.push({ line, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      result.rejected.push({ line, message: 'not a JSON object' });
      return;
    }
    const o = value as Record<string, unknown>;
    const timeKey = o.posted_at !== undefined ? 'posted_at' : 'created_at';
    const parsed = toPost(
      {
        id: o.id,
        text: o.text,
        postedAt: o[timeKey],
        postedAtField: timeKey,
        author: o.author ?? o.username ?? o.author_id,
        url: o.url,
      },
      source,
    );
    if (parsed.ok) result.posts.push(parsed.post);
    else result.rejected.push({ line, message: parsed.message });
  });
  return result;
}
