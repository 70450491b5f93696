// The rule words and constants of the lexicon scorer. The constants are VADER's (Hutto & Gilbert 2014,
// "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM; the values
// in vaderSentiment.py), so our scores sit on the same scale as VADER's compound.

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** A negation within NEGATION_WINDOW units before a word multiplies its valence by NEGATION_SCALAR. */
export const NEGATIONS = words(
  `not no never nor neither none nobody nothing nowhere cannot cant can't don't dont doesn't doesnt didn't
   didnt isn't isnt aren't arent wasn't wasnt weren't werent won't wont wouldn't wouldnt shouldn't shouldnt
   couldn't couldnt hasn't hasnt haven't havent hadn't hadnt ain't aint without mustn't needn't`,
);
export const NEGATION_WINDOW = 3;
export const NEGATION_SCALAR = -0.74;

/** Intensifiers (raise |valence|) and dampeners (lower it) before a word: +-BOOST, fading with distance. */
export const INTENSIFIERS = words(
  `very really extremely super so totally absolutely incredibly highly hugely massively mega ultra insanely
   completely entirely especially exceptionally remarkably significantly substantially strongly deeply
   fully utterly damn hella extra too most more much truly seriously`,
);
export const DAMPENERS = words(
  `slightly somewhat barely hardly marginally kinda kindof sorta partly partially moderately fairly mildly
   scarcely occasionally little less`,
);
/** Adverbs that boost the word before them: "fell sharply", "bullish af". */
export const POST_INTENSIFIERS = words(
  `af sharply significantly substantially strongly considerably dramatically massively markedly`,
);
export const BOOST = 0.293;
/** The boost of a modifier 1, 2 and 3 units before the word. */
export const BOOST_DECAY = [1, 0.95, 0.9] as const;

/** A word in capitals among mixed-case text gains this much |valence|. */
export const CAPS_BOOST = 0.733;

/** "X but Y": X counts half, Y one and a half. */
export const CONTRASTS = words(`but however`);
export const BEFORE_CONTRAST = 0.5;
export const AFTER_CONTRAST = 1.5;

/** Each `!` (up to 4) adds this in the direction of the sum; 2+ `?` add QUESTION_BOOST each (up to 3). */
export const EXCLAMATION_BOOST = 0.292;
export const MAX_EXCLAMATIONS = 4;
export const QUESTION_BOOST = 0.18;
export const MAX_QUESTION_BOOST = 0.96;

/** compound = sum / sqrt(sum^2 + alpha): maps any sum into (-1, 1), as VADER's normalize(). */
export const NORMALIZATION_ALPHA = 15;

/** Punctuation that ends a clause: a negation or a bad figure does not reach across it. */
export const CLAUSE_BREAKS = words(`. ; : ! ?`);
