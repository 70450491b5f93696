import { describe, expect, it } from 'vitest';
import { isShouted, tokenize } from './sentiment-tokenizer';

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.norm}`);

describe('tokenize', () => {
  it('drops URLs and @mentions, keeps cashtags, hashtags (as their word) and emoji', () => {
    expect(kinds('$PEPE to the moon 🚀 https://t.co/abc?x=1 www.pepe.io @elonmusk #WAGMI')).toEqual([
      'cashtag:$pepe',
      'word:to',
      'word:the',
      'word:moon',
      'emoji:🚀',
      'hashtag:wagmi',
    ]);
  });

  it('keeps one token per emoji, without skin tone or presentation selector, and joins ZWJ sequences', () => {
    const tokens = tokenize('👍🏽👍 ❤️ 👩‍💻🚀🚀');
    expect(tokens.map((t) => t.norm)).toEqual(['👍', '👍', '❤', '👩‍💻', '🚀', '🚀']);
    expect(tokens[0]!.text, 'text keeps the modifier').toBe('👍🏽');
    expect(tokens.every((t) => t.kind === 'emoji')).toBe(true);
  });

  it('reads emoticons before punctuation and numbers, and a price is a number not a cashtag', () => {
    expect(kinds('nice :) sad :( <3 at $5.20, up 12% at 10:30!')).toEqual([
      'word:nice',
      'emoticon::)',
      'word:sad',
      'emoticon::(',
      'emoticon:<3',
      'word:at',
      'number:$5.20',
      'punct:,',
      'word:up',
      'number:12%',
      'word:at',
      'number:10',
      'punct::',
      'number:30',
      'punct:!',
    ]);
  });

  it('keeps contractions and hyphenated words whole, straightens curly apostrophes, cuts stretched letters', () => {
    expect(kinds("don’t isn't rug-pulled SOOOO gooood 100x")).toEqual([
      "word:don't",
      "word:isn't",
      'word:rug-pulled',
      'word:soo',
      'word:good',
      'word:100x',
    ]);
  });

  it('returns nothing for an empty or symbol-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('   ~~~ ^^ ')).toEqual([]);
  });
});

describe('isShouted', () => {
  it('is true for a word in capitals of two letters or more', () => {
    const [hodl, i, mixed, cash] = tokenize('HODL I Moon $PEPE');
    expect(isShouted(hodl!)).toBe(true);
    expect(isShouted(i!), 'a one-letter word is not emphasis').toBe(false);
    expect(isShouted(mixed!)).toBe(false);
    expect(isShouted(cash!), 'cashtags are written in capitals anyway').toBe(false);
  });
});
