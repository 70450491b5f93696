import { lookupPhrase, lookupTerm, MAX_PHRASE_LENGTH, type LexiconEntry } from './sentiment-lexicon';
import { CONTRASTS, DAMPENERS, INTENSIFIERS, NEGATIONS, POST_INTENSIFIERS } from './lexicon-rules';
import { isShouted, type SentimentToken, type TokenKind } from './sentiment-tokenizer';

const RULE_WORDS: ReadonlySet<string> = new Set([
  ...NEGATIONS,
  ...INTENSIFIERS,
  ...DAMPENERS,
  ...POST_INTENSIFIERS,
  ...CONTRASTS,
]);

/** A token or a matched phrase, with what the lexicon says about it. */
export interface LexiconUnit {
  /** Normalised text; a phrase's tokens joined by spaces. */
  norm: string;
  kind: TokenKind | 'phrase';
  entry: LexiconEntry | undefined;
  shouted: boolean;
}

/**
 * Tokens as the lexicon rules see them: a hyphenated word the lexicon does not know is split ("rug-pulled" ->
 * "rug" "pulled"), then phrases are matched longest first ("to the moon" is one unit), and stretched words
 * are read as the word they stretch ("gooood" -> "good", "sooo" -> "so").
 */
export function toUnits(tokens: readonly SentimentToken[]): LexiconUnit[] {
  const flat: SentimentToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'word' && token.norm.includes('-') && lookupTerm(token.norm) === undefined) {
      const parts = token.text.split('-');
      const norms = token.norm.split('-');
      parts.forEach((text, k) => flat.push({ text, norm: norms[k]!, kind: 'word' }));
    } else flat.push(token);
  }
  const units: LexiconUnit[] = [];
  for (let i = 0; i < flat.length;) {
    const phrase = matchPhrase(flat, i);
    if (phrase) {
      units.push({ norm: phrase.norm, kind: 'phrase', entry: { valence: phrase.valence }, shouted: false });
      i += phrase.length;
      continue;
    }
    const token = resolveStretched(flat[i]!);
    units.push({ norm: token.norm, kind: token.kind, entry: lookupToken(token), shouted: isShouted(token) });
    i += 1;
  }
  return units;
}

function matchPhrase(tokens: readonly SentimentToken[], start: number) {
  for (let length = Math.min(MAX_PHRASE_LENGTH, tokens.length - start); length >= 2; length--) {
    const slice = tokens.slice(start, start + length);
    if (slice.some((t) => t.kind === 'punct' || t.kind === 'number')) continue;
    const norm = slice.map((t) => t.norm).join(' ');
    const valence = lookupPhrase(norm);
    if (valence !== undefined) return { norm, valence, length };
  }
  return undefined;
}

/** "10x", "50x", "100x": slang for a hoped-for multiple of the price. */
const MULTIPLE_VALENCE = 2.5;

function lookupToken(token: SentimentToken): LexiconEntry | undefined {
  if (token.kind === 'punct' || token.kind === 'number' || token.kind === 'cashtag') return undefined;
  const entry = lookupTerm(token.norm);
  if (entry !== undefined || token.kind !== 'word') return entry;
  const multiple = /^(\d+)x$/.exec(token.norm);
  if (multiple) return Number(multiple[1]) >= 10 ? { valence: MULTIPLE_VALENCE } : undefined;
  return undefined;
}

const isKnown = (norm: string): boolean => lookupTerm(norm) !== undefined || RULE_WORDS.has(norm);

/**
 * The tokenizer cuts letter runs of 3+ to two ("gooood" -> "good"), which is wrong for words with a single
 * letter there ("sooo" -> "soo", "bullishhh" -> "bullishh"): when the two-letter form is unknown and the
 * one-letter form is a lexicon or rule word, take that.
 */
function resolveStretched(token: SentimentToken): SentimentToken {
  if (token.kind !== 'word' || !/(\p{L})\1{2,}/u.test(token.text) || isKnown(token.norm)) return token;
  const single = token.text.toLowerCase().replace(/(\p{L})\1{2,}/gu, '$1');
  return isKnown(single) ? { ...token, norm: single } : token;
}
