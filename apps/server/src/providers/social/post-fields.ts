import type { SocialPost } from './social-post';

export type PostResult = { ok: true; post: SocialPost } | { ok: false; message: string };

/** Raw field values of one record, whatever the file format: strings from CSV, any JSON value from JSONL. */
export interface PostFields {
  id: unknown;
  text: unknown;
  postedAt: unknown;
  /** Name of the column or key `postedAt` came from, for messages. */
  postedAtField: string;
  author: unknown;
  url: unknown;
}

// Epoch values below this are seconds, above it milliseconds: 1e11 s is the year 5138, 1e11 ms is 1973, so no
// real post date is ambiguous.
const SECONDS_BELOW = 1e11;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 or epoch seconds/milliseconds (number or digits) as epoch ms; null when it is neither. */
export function parsePostTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? toMs(value) : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return toMs(Number(s));
  if (!ISO_DATE.test(s)) return null;
  // A date-time without an offset is read as UTC: a server's local zone must not shift imported posts.
  const withZone = /[T ]\d{2}:\d{2}/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? `${s.replace(' ', 'T')}Z` : s;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}

const toMs = (n: number): number => Math.round(n < SECONDS_BELOW ? n * 1000 : n);

const optionalText = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
};

const show = (value: unknown): string => {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
};

/** One record's fields as a post, or a message naming the field that is wrong. */
export function toPost(fields: PostFields, source: string): PostResult {
  const id = typeof fields.id === 'number' || typeof fields.id === 'string' ? String(fields.id).trim() : '';
  if (id === '') return { ok: false, message: 'id is missing' };
  if (typeof fields.text !== 'string' || fields.text.trim() === '') return { ok: false, message: 'text is missing' };
  if (fields.postedAt === undefined || fields.postedAt === null || fields.postedAt === '') {
    return { ok: false, message: `${fields.postedAtField} is missing` };
  }
  const postedAt = parsePostTime(fields.postedAt);
  if (postedAt === null) {
    return {
      ok: false,
      message: `${fields.postedAtField} "${show(fields.postedAt)}" is not an ISO date-time or epoch seconds/milliseconds`,
    };
  }
  const url = optionalText(fields.url);
  if (url !== null && !/^https?:\/\//i.test(url))
    return { ok: false, message: `url "${show(url)}" is not an http(s) URL` };
  return { ok: true, post: { source, id, author: optionalText(fields.author), text: fields.text, postedAt, url } };
}
