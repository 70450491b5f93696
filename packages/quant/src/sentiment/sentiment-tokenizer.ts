/**
 * What a token is. `punct` keeps only the marks the lexicon rules read: `!` and `?` (emphasis) and the clause
 * breaks `.`, `,`, `;`, `:` (a negation does not reach across them).
 */
export const TOKEN_KINDS = ['word', 'number', 'cashtag', 'hashtag', 'emoji', 'emoticon', 'punct'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface SentimentToken {
  /** As written (a hashtag without its `#`, an emoji with its modifiers). */
  text: string;
  /**
   * Lower case with curly apostrophes straightened and letter runs of 3+ cut to 2 ("soooo" -> "soo",
   * "MOOOON" -> "moon"); cashtags keep their `$` ("$pepe"). Numbers and punctuation as written.
   */
  norm: string;
  kind: TokenKind;
}

// One alternation, tried left to right at each position; order matters (a URL before a word, an emoticon
// before punctuation, a cashtag before a number).
const EMOJI = String.raw`\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*)*`;
const EMOTICON = String.raw`(?:<\/?3|[:;=8][\-o^']?[()\[\]DPpO/\\|*]+|\b[xX]D\b)`;
const PATTERN = new RegExp(
  [
    String.raw`(?<url>(?:https?:\/\/|www\.)\S+)`,
    String.raw`(?<mention>@\w+)`,
    String.raw`(?<cashtag>\$[A-Za-z][A-Za-z0-9_]{0,14}\b)`,
    String.raw`(?<hashtag>#[\p{L}\p{N}_]+)`,
    `(?<emoticon>${EMOTICON})`,
    `(?<emoji>${EMOJI})`,
    // 10x, 100x: the slang multiple, scored as a word.
    String.raw`(?<multiple>\b\d+x\b)`,
    String.raw`(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*)`,
    String.raw`(?<number>[+\-]?\$?\d+(?:[.,]\d+)*%?)`,
    String.raw`(?<punct>[!?.,;:])`,
  ].join('|'),
  'gu',
);

const normWord = (text: string): string =>
  text
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/(\p{L})\1{2,}/gu, '$1$1');

/**
 * Splits a post or a news sentence into tokens. URLs and @mentions are dropped (they carry no sentiment and
 * would only add noise to a vocabulary); `$PEPE` is a cashtag, `#wagmi` a hashtag with text "wagmi", each
 * emoji (with its skin tone, variation selector and zero-width-joined parts) one token, `:)` and `<3`
 * emoticons. Other symbols are skipped.
 */
export function tokenize(text: string): SentimentToken[] {
  const tokens: SentimentToken[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const groups = match.groups!;
    const raw = match[0];
    if (groups.url !== undefined || groups.mention !== undefined) continue;
    if (groups.cashtag !== undefined) tokens.push({ text: raw, norm: raw.toLowerCase(), kind: 'cashtag' });
    else if (groups.hashtag !== undefined) {
      const body = raw.slice(1);
      tokens.push({ text: body, norm: normWord(body), kind: 'hashtag' });
    } else if (groups.emoticon !== undefined) tokens.push({ text: raw, norm: raw, kind: 'emoticon' });
    else if (groups.emoji !== undefined) tokens.push({ text: raw, norm: stripEmojiModifiers(raw), kind: 'emoji' });
    else if (groups.multiple !== undefined || groups.word !== undefined)
      tokens.push({ text: raw, norm: normWord(raw), kind: 'word' });
    else if (groups.number !== undefined) tokens.push({ text: raw, norm: raw, kind: 'number' });
    else tokens.push({ text: raw, norm: raw, kind: 'punct' });
  }
  return tokens;
}

/** 👍🏽 and 👍 (and ❤️ and ❤) are the same entry in the lexicon. */
function stripEmojiModifiers(emoji: string): string {
  return emoji.replace(/\uFE0F|\p{Emoji_Modifier}/gu, '');
}

/** A word written in capitals, e.g. "AMAZING" or "HODL" (one letter, "I" or "A", is not emphasis). */
export function isShouted(token: SentimentToken): boolean {
  if (token.kind !== 'word' && token.kind !== 'hashtag') return false;
  const letters = token.text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}
