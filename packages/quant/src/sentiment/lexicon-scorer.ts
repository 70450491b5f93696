import { toUnits, type LexiconUnit } from './lexicon-units';
import {
  AFTER_CONTRAST,
  BEFORE_CONTRAST,
  BOOST,
  BOOST_DECAY,
  CAPS_BOOST,
  CLAUSE_BREAKS,
  CONTRASTS,
  DAMPENERS,
  EXCLAMATION_BOOST,
  INTENSIFIERS,
  MAX_EXCLAMATIONS,
  MAX_QUESTION_BOOST,
  NEGATION_SCALAR,
  NEGATION_WINDOW,
  NEGATIONS,
  NORMALIZATION_ALPHA,
  POST_INTENSIFIERS,
  QUESTION_BOOST,
} from './lexicon-rules';
import { tokenize } from './sentiment-tokenizer';

/** One scored word, emoji or phrase, for showing why a text scored as it did. */
export interface LexiconHit {
  term: string;
  /** After the rules (negation, intensifiers, caps, contrast). */
  valence: number;
}

export interface LexiconScore {
  /** Normalised sum, in (-1, 1); 0 when nothing in the text is in the lexicon. */
  compound: number;
  /** Sum of the positive valences after the rules (>= 0). */
  positive: number;
  /** Sum of the magnitudes of the negative valences after the rules (>= 0). */
  negative: number;
  hits: LexiconHit[];
}

/** Figures within this many units of a direction word decide its sign ("operating loss narrowed"). */
const FIGURE_BEFORE = 3;
const FIGURE_AFTER = 2;
/** Words that end the object of a direction word: in "sales rose and costs fell", "costs" is not risen. */
const OBJECT_BREAKS = new Set(['and', 'while', 'whereas', 'but', 'however', 'or', ',']);

const isBreak = (unit: LexiconUnit | undefined): boolean => unit === undefined || CLAUSE_BREAKS.has(unit.norm);

/**
 * VADER-style rule-based score of a text with our crypto- and finance-aware lexicon:
 * - a word's valence gains (intensifier: "very", "so", "super") or loses (dampener: "slightly", "kinda")
 *   0.293 per modifier up to three words before it, fading with distance; "fell sharply" and "bullish af"
 *   boost the word before;
 * - a negation ("not", "never", "isn't", "without") up to three words before, within the clause, multiplies
 *   the valence by -0.74, so "not good" is mildly negative rather than as bad as "bad";
 * - a direction word ("rose", "fell", "narrowed", "cut") is good news unless the figure that moved is a bad
 *   one ("loss", "costs", "debt") just before or after it: then its sign flips; the figure's own valence
 *   ("profit", "loss") is not counted beside it;
 * - a word in capitals among lower-case words gains 0.733;
 * - before the first "but"/"however" valences count half, after it one and a half;
 * - each `!` (up to four) adds 0.292 in the direction of the sum, two or more `?` up to 0.96;
 * - the sum is normalised as sum / sqrt(sum^2 + 15).
 */
export function scoreLexicon(text: string): LexiconScore {
  const units = toUnits(tokenize(text));
  const valences = units.map((u) => u.entry?.valence ?? 0);
  resolveDirections(units, valences);
  const words = units.filter((u) => u.kind === 'word' || u.kind === 'hashtag');
  const mixedCase = words.some((u) => u.shouted) && words.some((u) => !u.shouted);
  for (let i = 0; i < units.length; i++) {
    if (valences[i] === 0) continue;
    valences[i] = applyModifiers(units, i, valences[i]!, mixedCase);
  }
  applyContrast(units, valences);

  let sum = 0;
  let positive = 0;
  let negative = 0;
  const hits: LexiconHit[] = [];
  valences.forEach((v, i) => {
    if (v === 0) return;
    sum += v;
    if (v > 0) positive += v;
    else negative -= v;
    hits.push({ term: units[i]!.norm, valence: v });
  });
  if (sum !== 0) sum += Math.sign(sum) * punctuationEmphasis(units);
  return { compound: sum / Math.sqrt(sum * sum + NORMALIZATION_ALPHA), positive, negative, hits };
}

/**
 * Sets each direction word's sign from the figure it moves (flipped for a bad one), and zeroes that figure's
 * own valence: the movement is the news.
 */
function resolveDirections(units: readonly LexiconUnit[], valences: number[]): void {
  units.forEach((unit, i) => {
    if (unit.entry?.direction === undefined) return;
    const figure = findFigure(units, i);
    if (figure === -1) return;
    if (units[figure]!.entry!.figure === 'bad') valences[i] = -valences[i]!;
    valences[figure] = 0;
  });
}

/** The nearest figure the direction word at `at` moves: its subject just before, else its object after. */
function findFigure(units: readonly LexiconUnit[], at: number): number {
  for (let d = 1; d <= FIGURE_BEFORE; d++) {
    const unit = units[at - d];
    if (isBreak(unit) || OBJECT_BREAKS.has(unit!.norm)) break;
    if (unit!.entry?.figure !== undefined) return at - d;
  }
  for (let d = 1; d <= FIGURE_AFTER; d++) {
    const unit = units[at + d];
    if (isBreak(unit) || OBJECT_BREAKS.has(unit!.norm)) break;
    if (unit!.entry?.figure !== undefined) return at + d;
  }
  return -1;
}

function applyModifiers(units: readonly LexiconUnit[], i: number, base: number, mixedCase: boolean): number {
  const sign = Math.sign(base);
  let v = base;
  if (mixedCase && units[i]!.shouted) v += sign * CAPS_BOOST;
  let negated = false;
  for (let d = 1; d <= BOOST_DECAY.length; d++) {
    const before = units[i - d];
    if (isBreak(before)) break;
    const norm = before!.norm;
    if (INTENSIFIERS.has(norm)) v += sign * BOOST * BOOST_DECAY[d - 1]!;
    else if (DAMPENERS.has(norm)) v -= sign * BOOST * BOOST_DECAY[d - 1]!;
    if (d <= NEGATION_WINDOW && (NEGATIONS.has(norm) || norm.endsWith("n't"))) negated = true;
  }
  const after = units[i + 1];
  if (after !== undefined && POST_INTENSIFIERS.has(after.norm)) v += sign * BOOST;
  return negated ? v * NEGATION_SCALAR : v;
}

function applyContrast(units: readonly LexiconUnit[], valences: number[]): void {
  const at = units.findIndex((u) => CONTRASTS.has(u.norm));
  if (at === -1) return;
  for (let i = 0; i < valences.length; i++) {
    if (i < at) valences[i] = valences[i]! * BEFORE_CONTRAST;
    else if (i > at) valences[i] = valences[i]! * AFTER_CONTRAST;
  }
}

/** Emphasis from `!` and `?`, added in the direction the words already point. */
function punctuationEmphasis(units: readonly LexiconUnit[]): number {
  let bangs = 0;
  let questions = 0;
  for (const u of units) {
    if (u.norm === '!') bangs += 1;
    else if (u.norm === '?') questions += 1;
  }
  const bangBoost = Math.min(bangs, MAX_EXCLAMATIONS) * EXCLAMATION_BOOST;
  const questionBoost = questions > 1 ? Math.min(questions * QUESTION_BOOST, MAX_QUESTION_BOOST) : 0;
  return bangBoost + questionBoost;
}
