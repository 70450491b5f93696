import { describe, expect, it } from 'vitest';
import { scoreLexicon } from './lexicon-scorer';
import { labelOfCompound } from './sentiment-labels';

// Expected values worked out by hand from the rules (constants from VADER, vaderSentiment.py):
// compound = sum / sqrt(sum^2 + 15), negation x -0.74, intensifier +0.293 (x0.95, x0.9 further away),
// caps +0.733, `!` +0.292 each, before "but" x0.5, after x1.5.
const normalise = (sum: number) => sum / Math.sqrt(sum * sum + 15);
const valences = (text: string) => scoreLexicon(text).hits.map((h) => [h.term, Number(h.valence.toFixed(6))]);
const label = (text: string) => labelOfCompound(scoreLexicon(text).compound);

describe('scoreLexicon: rules', () => {
  it('normalises the sum of valences like VADER', () => {
    expect(scoreLexicon('good').compound).toBeCloseTo(normalise(2), 12);
    expect(scoreLexicon('The company is based in Espoo .')).toEqual({
      compound: 0,
      positive: 0,
      negative: 0,
      hits: [],
    });
  });

  it('flips and shrinks a negated word, within three words and within its clause', () => {
    expect(scoreLexicon('not good').compound).toBeCloseTo(normalise(2 * -0.74), 12);
    expect(valences("isn't great")).toEqual([['great', -1.85]]);
    // "really" two words before adds 0.293 x 0.95 before the negation scales the whole.
    expect(valences('not really that good')).toEqual([['good', Number(((2 + 0.293 * 0.95) * -0.74).toFixed(6))]]);
    expect(valences('not bad. good'), 'the full stop ends the negation').toEqual([
      ['bad', 1.85],
      ['good', 2],
    ]);
    expect(valences('not that it matters , it is good'), 'four words away is out of reach').toEqual([['good', 2]]);
  });

  it('raises a word after an intensifier and lowers it after a dampener', () => {
    expect(valences('very good')).toEqual([['good', 2.293]]);
    expect(valences('slightly good')).toEqual([['good', 1.707]]);
    expect(valences('sooo good'), 'a stretched "so" is still "so"').toEqual([['good', 2.293]]);
    expect(valences('very bad')).toEqual([['bad', -2.793]]);
    expect(valences('profit fell sharply'), 'an adverb after the word counts too').toEqual([['fell', -1.893]]);
    expect(valences('bullish af')).toEqual([['bullish', 2.793]]);
  });

  it('weighs the clause after "but" three times the clause before it', () => {
    expect(valences('great team but terrible product')).toEqual([
      ['great', 1.25],
      ['terrible', -4.8],
    ]);
    expect(label('great team but terrible product')).toBe('negative');
    expect(label('terrible product but great team')).toBe('positive');
  });

  it('adds emphasis for a word in capitals among lower-case words, and for exclamation marks', () => {
    expect(valences('The food is GOOD')).toEqual([['good', 2.733]]);
    expect(valences('GOOD FOOD'), 'all capitals is no emphasis').toEqual([['good', 2]]);
    expect(scoreLexicon('good!!').compound).toBeCloseTo(normalise(2 + 2 * 0.292), 12);
    expect(scoreLexicon('good!!!!!!').compound, 'at most four count').toBeCloseTo(normalise(2 + 4 * 0.292), 12);
    expect(scoreLexicon('bad!').compound, 'in the direction of the sum').toBeCloseTo(normalise(-2.5 - 0.292), 12);
  });

  it('reads a direction word by the figure that moved', () => {
    expect(valences('Operating loss narrowed to EUR 2 mn')).toEqual([['narrowed', 1.6]]);
    expect(valences('Operating profit fell')).toEqual([['fell', -1.6]]);
    expect(valences('The company cut costs')).toEqual([['cut', 1.6]]);
    expect(valences('costs rose')).toEqual([['rose', -1.6]]);
    expect(valences('sales rose and costs fell'), '"and" ends what "rose" moved').toEqual([
      ['rose', 1.6],
      ['fell', 1.6],
    ]);
    expect(label('Operating profit was EUR 0.6 mn , up from a loss of EUR 19 mn')).toBe('positive');
    expect(label('Net sales up to EUR 5 mn'), '"up to" is not a rise').toBe('neutral');
  });
});

describe('scoreLexicon: crypto slang and emoji', () => {
  it('reads ngmi, rekt and rug pulls as negative, wagmi, HODL and moon talk as positive', () => {
    expect(valences('ngmi')).toEqual([['ngmi', -2.5]]);
    expect(valences('wagmi')).toEqual([['wagmi', 3]]);
    expect(valences('HODL')).toEqual([['hodl', 2]]);
    expect(valences('to the moon 🚀'), 'the phrase counts once, the rocket on top').toEqual([
      ['to the moon', 3.2],
      ['🚀', 2.8],
    ]);
    expect(valences('rug pulled')).toEqual([['rug pulled', -3.5]]);
    expect(valences('dev rug-pulled us')).toEqual([['rug-pulled', -3.5]]);
    for (const text of ['got rekt', 'this is a honeypot', 'pump and dump', 'ngmi 📉📉', 'paper hands 🧻🙌'])
      expect(label(text), text).toBe('negative');
    for (const text of ['$PEPE to the moon 🚀🚀🚀', 'HODL 💎🙌', 'wagmi', 'bullish af', 'next 100x gem', '#LFG'])
      expect(label(text), text).toBe('positive');
  });

  it('negates slang like any word: "not ngmi" leans positive', () => {
    expect(valences('not ngmi')).toEqual([['ngmi', 1.85]]);
  });

  it('scores emoji without their skin tone and emoticons', () => {
    expect(valences('👍🏽 :)')).toEqual([
      ['👍', 2],
      [':)', 2],
    ]);
    expect(label('😭😭 💀')).toBe('negative');
  });
});
