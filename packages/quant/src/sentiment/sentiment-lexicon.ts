import { EMOJI_LEXICON, EMOTICON_LEXICON } from './lexicon-emoji';
import { GENERAL_LEXICON } from './lexicon-general';
import {
  BAD_QUANTITIES,
  CRYPTO_LEXICON,
  GOOD_QUANTITIES,
  DIRECTION_VALENCE,
  DIRECTION_WORDS,
  FINANCE_LEXICON,
  PHRASE_LEXICON,
} from './lexicon-market';

/** What the lexicon knows about one word, emoji or phrase. */
export interface LexiconEntry {
  /** VADER scale, -4 .. +4; for a direction word +-DIRECTION_VALENCE before the bad-figure rule. */
  valence: number;
  /** +1 for "rose", -1 for "fell": the sign flips when the figure that moved is a bad one. */
  direction?: 1 | -1;
  /** "loss", "costs": a figure where more is worse; "sales", "profit": one where more is better. */
  figure?: 'bad' | 'good';
}

/** Later maps win: crypto slang over finance over everyday English ("dump", "moon", "pump"). */
const VALENCES: ReadonlyMap<string, number> = new Map([
  ...GENERAL_LEXICON,
  ...FINANCE_LEXICON,
  ...CRYPTO_LEXICON,
  ...EMOJI_LEXICON,
  ...EMOTICON_LEXICON,
  ['tothemoon', 3.2],
]);

/** The longest phrase, in tokens, so the matcher knows how far to look. */
export const MAX_PHRASE_LENGTH = Math.max(...[...PHRASE_LEXICON.keys()].map((p) => p.split(' ').length));

/** The entry for a normalised token, or undefined when it carries no sentiment. */
export function lookupTerm(norm: string): LexiconEntry | undefined {
  const direction = DIRECTION_WORDS.get(norm);
  if (direction !== undefined) return { valence: direction * DIRECTION_VALENCE, direction };
  const valence = VALENCES.get(norm);
  const figure = BAD_QUANTITIES.has(norm) ? 'bad' : GOOD_QUANTITIES.has(norm) ? 'good' : undefined;
  if (figure === undefined) return valence === undefined ? undefined : { valence };
  return { valence: valence ?? 0, figure };
}

/** The valence of a phrase of normalised tokens joined by single spaces ("to the moon"), if it is one. */
export function lookupPhrase(phrase: string): number | undefined {
  return PHRASE_LEXICON.get(phrase);
}

/** Number of distinct single-token entries, for the docs. */
export function lexiconSize(): { terms: number; phrases: number } {
  return { terms: new Set([...VALENCES.keys(), ...DIRECTION_WORDS.keys()]).size, phrases: PHRASE_LEXICON.size };
}
