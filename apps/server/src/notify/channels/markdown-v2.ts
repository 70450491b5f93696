// Building blocks for Telegram MarkdownV2 messages (https://core.telegram.org/bots/api#markdownv2-style).
// Everything that comes from data goes through one of these, so a symbol like "BTC-USD" or a price like
// "43,210.5" can never be read as markup: Telegram rejects the whole message when it meets an unescaped
// reserved character.

/** Characters MarkdownV2 reserves outside entities, plus the backslash that escapes them. */
const RESERVED = /[_*[\]()~`>#+\-=|{}.!\\]/g;
/** Inside a code span only the closing backtick and the escape character are special. */
const CODE_RESERVED = /[`\\]/g;
/** Inside a link's (url) part only the closing parenthesis and the escape character are special. */
const URL_RESERVED = /[)\\]/g;

/** Plain text made safe to send as MarkdownV2: every reserved character (and backslash) escaped. */
export function escapeMarkdownV2(text: string): string {
  return text.replace(RESERVED, '\\$&');
}

/** Plain text shown in bold. */
export function boldMarkdownV2(text: string): string {
  return `*${escapeMarkdownV2(text)}*`;
}

/** Plain text shown as an inline code span. */
export function codeMarkdownV2(text: string): string {
  return `\`${text.replace(CODE_RESERVED, '\\$&')}\``;
}

/** A link: `text` is plain text, `url` is used as given (only `)` and `\` are escaped). */
export function linkMarkdownV2(text: string, url: string): string {
  return `[${escapeMarkdownV2(text)}](${url.replace(URL_RESERVED, '\\$&')})`;
}

const ELLIPSIS = '…';

/**
 * Shortens already-escaped text (the output of escapeMarkdownV2, no entities) to at most `maxLength` UTF-16
 * units, ending with "…" when cut. It cuts between whole escape sequences and whole surrogate pairs, so
 * the result never ends in a lone backslash (which would escape whatever follows) or half an emoji.
 */
export function truncateEscapedMarkdownV2(escaped: string, maxLength: number): string {
  if (escaped.length <= maxLength) return escaped;
  const budget = maxLength - ELLIPSIS.length;
  let end = 0;
  while (end < escaped.length) {
    const width = unitWidth(escaped, end);
    if (end + width > budget) break;
    end += width;
  }
  return budget < 0 ? '' : escaped.slice(0, end) + ELLIPSIS;
}

/** UTF-16 units that must stay together at `i`: an escape sequence, a surrogate pair, or one unit. */
function unitWidth(text: string, i: number): number {
  if (text[i] === '\\') return 1 + unitWidth(text, i + 1);
  const code = text.charCodeAt(i);
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return isHighSurrogate && i + 1 < text.length ? 2 : 1;
}
